#!/usr/bin/env python3
"""The parser head of conf/parser-*.yaml in PyTorch, to time against `parser bench-train` on the same machine.

Same architecture as the project's ParserNetwork: one nn.Embedding per feature group, the looked-up vectors
concatenated, Linear + ReLU, dropout, Linear, cross-entropy, Adam. Ids are drawn uniformly from each table
(timing does not depend on which ids). Prints train_examples_per_second (after warm-up steps, like the Java bench)
and inference_examples_per_second: the head's forward pass alone (eval mode, no_grad), the most a PyTorch parser
could score configurations per second before any parser bookkeeping.

  torch_parser_bench.py --tables 17000x18x50,20x18x50,50x18x50,45x12x50 --classes 89 --hidden 400 \
      --batch-size 2048 --threads 1 --seconds 30
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class ParserHead(nn.Module):
    def __init__(self, tables, hidden, classes, dropout):
        super().__init__()
        self.embeddings = nn.ModuleList([nn.Embedding(size, dim) for size, _, dim in tables])
        width = sum(w * d for _, w, d in tables)
        self.hidden = nn.Linear(width, hidden)
        self.output = nn.Linear(hidden, classes)
        self.dropout = nn.Dropout(dropout)
        for layer in (self.hidden, self.output):
            nn.init.xavier_uniform_(layer.weight)

    def forward(self, ids):
        x = torch.cat([e(i).view(i.shape[0], -1) for e, i in zip(self.embeddings, ids)], dim=1)
        return self.output(self.dropout(F.relu(self.hidden(x))))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tables", required=True, help="SIZExWIDTHxDIM per feature group, comma-separated")
    p.add_argument("--classes", type=int, required=True)
    p.add_argument("--hidden", type=int, default=400)
    p.add_argument("--dropout", type=float, default=0.5)
    p.add_argument("--learning-rate", type=float, default=5e-4)
    p.add_argument("--batch-size", type=int, default=2048)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--seed", type=int, default=1234)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    tables = [tuple(int(v) for v in t.split("x")) for t in a.tables.split(",")]
    model = ParserHead(tables, a.hidden, a.classes, a.dropout)
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=a.learning_rate)
    pool = 16  # distinct pre-made batches, cycled
    batches = [([torch.randint(0, size, (a.batch_size, width)) for size, width, _ in tables],
                torch.randint(0, a.classes, (a.batch_size,))) for _ in range(pool)]

    def step(i):
        ids, y = batches[i % pool]
        opt.zero_grad()
        loss = F.cross_entropy(model(ids), y)
        loss.backward()
        opt.step()
        return loss.item()

    for i in range(a.warmup):
        step(i)
    steps = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < a.seconds:
        step(steps)
        steps += 1
    elapsed = time.perf_counter() - t0
    model.eval()
    with torch.no_grad():
        for i in range(a.warmup):
            model(batches[i % pool][0])
        inferred = 0
        t1 = time.perf_counter()
        while time.perf_counter() - t1 < a.seconds / 3:
            model(batches[inferred % pool][0])
            inferred += 1
        infer_elapsed = time.perf_counter() - t1
    params = sum(t.numel() for t in model.parameters())
    print(f"torch={torch.__version__} threads={a.threads} batch_size={a.batch_size} hidden={a.hidden} parameters={params}")
    print(f"steps={steps} examples={steps * a.batch_size} seconds={elapsed:.2f}")
    print(f"train_examples_per_second={steps * a.batch_size / elapsed:.0f}")
    print(f"inference_examples_per_second={inferred * a.batch_size / infer_elapsed:.0f}")


if __name__ == "__main__":
    main()
