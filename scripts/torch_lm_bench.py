#!/usr/bin/env python3
"""The word LMs of conf/lm-brown.yaml and conf/lm-brown-gru.yaml in PyTorch, to time against `lm bench-train`.

Same model and data as the project's RnnLmNetwork on Brown: the training text read the same way (words seen fewer than
--min-count times -> <unk>, </s> after every line), cut into --streams parallel streams; an embedding, then either
Mikolov's sigmoid RNN (h(t) = sigmoid(e(t) I + h(t-1) H + b), written as one matmul for every step's input part and a
loop over time for the recurrence, as one writes a cell PyTorch has no kernel for) or torch.nn.GRU (PyTorch's own fused
kernel); then a full softmax over the vocabulary (Linear + cross-entropy); truncated BPTT of --tau steps with the state
carried across segments; gradient-norm clipping; Adam. No dropout (the Java side is timed without it too).

Prints train_tokens_per_second: the median over --repeat calls of --steps steps (each call = steps / tau updates), after
at least --warmup calls and --warmup-seconds, like the Java bench.

  torch_lm_bench.py --train brown.train.txt --rnn sigmoid --embedding 200 --hidden 300 --threads 1
"""
import argparse
import collections
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class SigmoidRnn(nn.Module):
    def __init__(self, n_in, hidden):
        super().__init__()
        self.inp = nn.Linear(n_in, hidden)
        self.rec = nn.Linear(hidden, hidden, bias=False)

    def forward(self, x, h):  # x [batch, steps, n_in], h [batch, hidden]
        a = self.inp(x)
        out = []
        for t in range(x.shape[1]):
            h = torch.sigmoid(a[:, t] + self.rec(h))
            out.append(h)
        return torch.stack(out, 1), h


class WordLm(nn.Module):
    def __init__(self, vocab, embedding, hidden, rnn):
        super().__init__()
        self.embed = nn.Embedding(vocab, embedding)
        self.rnn_kind = rnn
        self.rnn = SigmoidRnn(embedding, hidden) if rnn == "sigmoid" else nn.GRU(embedding, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, ids, h):
        e = self.embed(ids)
        if self.rnn_kind == "sigmoid":
            y, h = self.rnn(e, h)
        else:
            y, h = self.rnn(e, h.unsqueeze(0))
            h = h.squeeze(0)
        return self.out(y), h


def read_stream(path, min_count):
    lines = [l.split() for l in open(path, encoding="utf-8")]
    lines = [l for l in lines if l]
    counts = collections.Counter(w for l in lines for w in l)
    vocab = {"</s>": 0, "<unk>": 1}
    for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if c >= min_count and w not in vocab:
            vocab[w] = len(vocab)
    ids = [vocab.get(w, 1) for l in lines for w in l + ["</s>"]]
    return ids, len(vocab)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--train", required=True)
    p.add_argument("--min-count", type=int, default=4)
    p.add_argument("--rnn", choices=["sigmoid", "gru"], required=True)
    p.add_argument("--embedding", type=int, default=200)
    p.add_argument("--hidden", type=int, default=300)
    p.add_argument("--streams", type=int, default=64)
    p.add_argument("--tau", type=int, default=20)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--learning-rate", type=float, default=2e-3)
    p.add_argument("--clip", type=float, default=5.0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--warmup-seconds", type=float, default=60.0)
    p.add_argument("--repeat", type=int, default=7)
    p.add_argument("--seed", type=int, default=1234)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    ids, vocab = read_stream(a.train, a.min_count)
    rows = len(ids) // a.streams
    data = torch.tensor(ids[: rows * a.streams]).view(a.streams, rows)
    model = WordLm(vocab, a.embedding, a.hidden, a.rnn)
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=a.learning_rate)
    h = torch.zeros(a.streams, a.hidden)
    rates = []
    begin, warm, call = time.perf_counter(), 0, 0
    while len(rates) < a.repeat:
        start = call * a.steps % (rows - 1 - (rows - 1) % a.steps)  # wraps around a short text
        call += 1
        t0 = time.perf_counter()
        for s in range(start, start + a.steps, a.tau):
            x, y = data[:, s:s + a.tau], data[:, s + 1:s + a.tau + 1]
            h = h.detach()
            logits, h = model(x, h)
            loss = F.cross_entropy(logits.reshape(-1, vocab), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), a.clip)
            opt.step()
        if warm < a.warmup or t0 - begin < a.warmup_seconds:
            warm += 1
        else:
            rates.append(a.streams * a.steps / (time.perf_counter() - t0))
    params = sum(t.numel() for t in model.parameters())
    print("torch=%s rnn=%s hidden=%d embedding=%d vocabulary=%d parameters=%d streams=%d tau=%d threads=%d warmup_calls=%d"
          % (torch.__version__, a.rnn, a.hidden, a.embedding, vocab, params, a.streams, a.tau, a.threads, warm))
    print("train_tokens_per_second=%.0f" % statistics.median(rates))


if __name__ == "__main__":
    main()
