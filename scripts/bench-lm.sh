#!/usr/bin/env bash
# Language-model benchmarks; writes results/lm.md.
#  1. the Kneser-Ney baselines on Brown (lm kn, 3- to 5-gram), same vocabulary and tokens as the neural models;
#  2. recurrent-layer training speed against stacked DL4J SimpleRnn layers (lm bench-rnn);
#  3. output-layer training speed, full vs class-factored softmax, at 320 and 2,560 tokens per update (lm bench-output);
#  4. the training runs under runs/lm-* (each a `lm train --config conf/X.yaml --output runs/lm-X`): perplexity or
#     nats/char, parameters, training minutes, tokens/s, against KN 5-gram.
#  5. --speed: training speed side by side with PyTorch on the same two models (scripts/torch_lm_bench.py): Mikolov's
#     sigmoid RNN (conf/lm-brown.yaml: hidden 300, |V| 14,115, tau 20) and a one-layer GRU of 400 (conf/lm-brown-gru.yaml),
#     64 streams, Adam, clipping, no dropout; one thread each (OPENBLAS_NUM_THREADS=1, pinned with taskset to one core).
#     It replaces only its own section of results/lm.md, so the other sections keep the runs they were measured on.
#     PyTorch: Debian's python3-torch with libopenblas0-pthread (apt-get install python3-torch libopenblas0-pthread).
# Usage: scripts/bench-lm.sh [--train] [--report] [--speed]
#   --train   also runs every LM config below, one after another (about 5 hours on 2 cores)
#   --report  only rebuilds the report from what runs/ already holds
#   --speed   only the side-by-side speed section (about 9 minutes a round; ROUNDS=3 by default)
#   --ingredients  the stronger Brown word model, one ingredient at a time: trains (two at a time, 45 CPU-minutes each,
#             about 100 minutes) whichever of the four runs below has not finished, then replaces only its own section
#             of results/lm.md. The runs: the GRU of conf/lm-brown-gru.yaml on the same clock (runs/lm-brown-gru-cpu),
#             + one dropout mask per sequence (lm-brown-gru-seqdrop), + tied embeddings (lm-brown-gru-tied),
#             + a second layer (lm-brown-gru2).
set -euo pipefail
cd "$(dirname "$0")/.."
export CS224N_DATA="${CS224N_DATA:-../shared}"
OUT=runs/bench-lm
REPORT=results/lm.md
mkdir -p "$OUT" results
MODE="${1:-}"

if [ "$MODE" = "--speed" ]; then
  PY="${PYTHON:-/usr/bin/python3}"
  CORE="${CORE:-0}"
  mvn -B -q package -DskipTests
  cp target/cs224n-dl4j.jar "$OUT/bench.jar"
  JAR="$OUT/bench.jar"
  SPEED="$OUT/speed"
  mkdir -p "$SPEED"
  git rev-parse --short=12 HEAD > "$SPEED/commit"
  git diff --quiet HEAD -- src pom.xml conf scripts || echo "(with uncommitted changes)" >> "$SPEED/commit"
  "$PY" -c "import torch" 2>/dev/null || { echo "PyTorch not found ($PY -c 'import torch' failed): apt-get install python3-torch libopenblas0-pthread" >&2; exit 1; }
  export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
  TRAIN="$CS224N_DATA/corpora/brown/brown.train.txt"
  # ROUNDS rounds in which the two sides take turns, model by model: this machine's speed drifts by up to a third within
  # minutes, so each side's figure is its median over the rounds, and each round's ratio compares neighbouring runs.
  ROUNDS="${ROUNDS:-3}"
  rm -f "$SPEED"/*.log
  for r in $(seq 1 "$ROUNDS"); do
    for m in "sigmoid conf/lm-brown.yaml 300" "gru conf/lm-brown-gru.yaml 400"; do
      set -- $m
      for out in softmax class; do
        echo "== round $r: lm bench-train $2 output=$out"
        taskset -c "$CORE" java -jar "$JAR" lm bench-train --config "$2" --set "output=$out" --set dropout=0 --set threads=1 \
          > "$SPEED/$1-$out.r$r.log" 2>&1
        tail -1 "$SPEED/$1-$out.r$r.log"
      done
      echo "== round $r: torch $1"
      taskset -c "$CORE" "$PY" scripts/torch_lm_bench.py --train "$TRAIN" --rnn "$1" --embedding 200 --hidden "$3" --threads 1 \
        > "$SPEED/$1-torch.r$r.log" 2>&1
      tail -1 "$SPEED/$1-torch.r$r.log"
    done
  done
  lscpu | sed -n 's/^Model name: *//p' | head -1 > "$SPEED/cpu"
  "$PY" - "$SPEED" "$REPORT" "$ROUNDS" <<'PY'
import os, re, sys, datetime, statistics
d, report, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
def val(name, key):
    t = open(os.path.join(d, name)).read()
    m = re.search(r"\b%s=([^ \n]+)" % key, t)
    return m.group(1) if m else None
def rates(m, side):
    return [float(val("%s-%s.r%d.log" % (m, side, r), "train_tokens_per_second")) for r in range(1, rounds + 1)]
commit = open(os.path.join(d, "commit")).read().strip().replace("\n", " ")
L = ["## Training speed side by side with PyTorch", "",
     "Commit %s, %s, `scripts/bench-lm.sh --speed`; CPU %s; one thread on each side, pinned to one core with taskset, "
     "OPENBLAS_NUM_THREADS=1; PyTorch %s (Debian python3-torch on OpenBLAS)." % (commit, datetime.date.today().isoformat(),
     open(os.path.join(d, "cpu")).read().strip() or "?", val("sigmoid-torch.r1.log", "torch")), "",
     "Both sides train the same model on the same tokens: Brown's training text (words seen <= 3 times -> `<unk>`, `</s>` after every line),",
     "64 streams, truncated BPTT of 20 steps with the state carried, embedding 200, Adam (2e-3), gradient clipping at norm 5, no dropout.",
     "Each run reports the median over 7 calls of 100 steps (6,400 tokens, 5 updates) after at least 2 warm-up calls and 60 s of warm-up",
     "(on one pinned core the JVM's JIT compiler shares the core for about its first minute; PyTorch gets the same warm-up).",
     "The sides take turns in %d rounds (project full, project class, PyTorch; sigmoid model, then GRU); each figure below is a side's median" % rounds,
     "over the rounds, and the ratios are of those medians, with each round's own ratio of neighbouring runs in brackets.",
     "- project, full softmax: `lm bench-train --config C --set output=softmax --set dropout=0 --set threads=1` (`FullSoftmax`: softmax over all |V| with word-id labels);",
     "- project, class output: the same with `output=class`: the class-factored softmax (sqrt(|V|) frequency classes; exact probabilities);",
     "- PyTorch: `scripts/torch_lm_bench.py`, full softmax (nn.Linear + cross_entropy). Its sigmoid RNN is an input matmul over all steps and a loop",
     "  over time (PyTorch has no sigmoid RNN kernel); its GRU is nn.GRU, PyTorch's own fused kernel.", "",
     "| model | parameters (full softmax) | project full softmax tokens/s | project class output tokens/s | PyTorch full softmax tokens/s | full / PyTorch | class / PyTorch |",
     "|---|---|---|---|---|---|---|"]
for m, title in (("sigmoid", "Mikolov sigmoid RNN, hidden 300"), ("gru", "GRU, hidden 400")):
    fs, cs, ts = rates(m, "softmax"), rates(m, "class"), rates(m, "torch")
    f, c, t = statistics.median(fs), statistics.median(cs), statistics.median(ts)
    each = lambda xs: " (" + ", ".join("%.2f" % (x / y) for x, y in zip(xs, ts)) + ")"
    L.append("| %s | %s | %.0f | %.0f | %.0f | %.2fx%s | %.2fx%s |" % (title, val(m + "-softmax.r1.log", "parameters"), f, c, t,
                                                                   f / t, each(fs), c / t, each(cs)))
L += ["", "Targets: full softmax >= 1.0x PyTorch, class output >= 5x PyTorch's full softmax.", ""]
section = "\n".join(L) + "\n"
sys.path.insert(0, "scripts")
from report_section import replace_section
replace_section(report, "## Training speed side by side with PyTorch", section)
print("wrote the speed section of " + report)
PY
  exit 0
fi
if [ "$MODE" = "--ingredients" ]; then
  mvn -B -q package -DskipTests
  cp target/cs224n-dl4j.jar "$OUT/ingredients.jar"
  JAR="$OUT/ingredients.jar"
  # run directory : config : overrides (the baseline keeps its config and counts CPU time on one thread like the others)
  RUNS="lm-brown-gru-cpu:lm-brown-gru:threads=1,budget_clock=cpu lm-brown-gru-seqdrop:lm-brown-gru-seqdrop: lm-brown-gru-tied:lm-brown-gru-tied: lm-brown-gru2:lm-brown-gru2:"
  pending=()
  for r in $RUNS; do
    IFS=: read -r dir conf sets <<< "$r"
    grep -q '"test_ppl"' "runs/$dir/run.json" 2>/dev/null || pending+=("$r")
  done
  for ((i = 0; i < ${#pending[@]}; i += 2)); do
    for r in "${pending[@]:i:2}"; do
      IFS=: read -r dir conf sets <<< "$r"
      args=()
      for kv in ${sets//,/ }; do args+=(--set "$kv"); done
      echo "== lm train --config conf/$conf.yaml ${args[*]} --output runs/$dir"
      OMP_NUM_THREADS=1 java -Xmx5g -jar "$JAR" lm train --config "conf/$conf.yaml" "${args[@]}" --output "runs/$dir" --resume --no-progress \
        > "runs/$dir.log" 2>&1 &
    done
    wait
  done
  python3 - "$REPORT" lm-brown-gru-cpu lm-brown-gru-seqdrop lm-brown-gru-tied lm-brown-gru2 <<'PY'
import json, os, re, sys, datetime
report, runs = sys.argv[1], sys.argv[2:]
adds = {"lm-brown-gru-cpu": "the GRU baseline (conf/lm-brown-gru.yaml): a new dropout mask at every step",
        "lm-brown-gru-seqdrop": "+ one dropout mask per sequence (embedding and GRU output)",
        "lm-brown-gru-tied": "+ tied input and output word vectors (embedding 400 = hidden)",
        "lm-brown-gru2": "+ a second GRU layer of 400"}
text = open(report).read()
m = re.search(r"^\| 5 \| [0-9.]+ \| ([0-9.]+) \|$", text, re.M)
kn5 = float(m.group(1)) if m else None
info = []
for r in runs:
    p = os.path.join("runs", r, "run.json")
    if not os.path.exists(p): continue
    j = json.load(open(p))
    rows = [l.split(",") for l in open(os.path.join("runs", r, "metrics.csv")).read().splitlines()[1:] if l]
    info.append((r, j, rows))
common = min((len(rows) for _, _, rows in info), default=0)
L = ["## Brown: a stronger word model, one ingredient at a time", "",
     "`scripts/bench-lm.sh --ingredients`, %s. Same vocabulary protocol as every Brown run (words seen <= 3 times -> `<unk>`)," % datetime.date.today().isoformat(),
     "class-factored output, dropout 0.5, Adam 2e-3, tau 20, 64 streams, seed 1234. Each run trains on one thread for 45 minutes of that",
     "thread's CPU time (`budget_clock: cpu`), two runs side by side; the model kept is the best on validation. Each row adds one",
     "ingredient to the row above it, so its effect is the row's change. Commit and machine of each run are in its run.json.", "",
     "| run | adds | parameters | epochs (best) | CPU min | tokens per CPU-second | valid PPL after epoch %d | best valid PPL | test PPL | test / KN5 | test change |" % common,
     "|---|---|---|---|---|---|---|---|---|---|---|"]
prev = None
for r, j, rows in info:
    secs = sum(float(x[5]) for x in rows); toks = sum(float(x[5]) * float(x[4]) for x in rows)
    test = j.get("test_ppl")
    L.append("| `%s` | %s | %s | %d (%s) | %.1f | %.0f | %.2f | %.2f | %s | %s | %s |" % (
        r, adds.get(r, ""), j.get("parameters", "-"), len(rows), j.get("best_round", j.get("best_epoch", "-")), secs / 60,
        toks / secs if secs else 0, float(rows[common - 1][2]), j["valid_ppl"],
        "%.2f" % test if test else "-", "%.3f" % (test / kn5) if test and kn5 else "-",
        "%+.2f" % (test - prev) if test and prev else "-"))
    prev = test or prev
L += ["", "Validation PPL after each epoch (the figures read 8 parts of the validation text side by side; the table's best-model",
      "figures read it as one stream):", "", "| run | curve |", "|---|---|"]
for r, j, rows in info:
    L.append("| `%s` | %s |" % (r, "; ".join("%s: %.2f" % (x[0], float(x[2])) for x in rows)))
L += ["", "Target: test PPL <= 95 (0.65x the KN 5-gram).", ""]
sys.path.insert(0, "scripts")
from report_section import replace_section
replace_section(report, "## Brown: a stronger word model, one ingredient at a time", "\n".join(L) + "\n")
print("wrote the ingredients section of " + report)
PY
  exit 0
fi

CONFIGS="lm-brown lm-brown-gru lm-brown-gru-seqdrop lm-brown-gru-tied lm-brown-gru2 lm-brown-small-softmax lm-brown-small-class lm-shakespeare-gfrnn lm-shakespeare-gftanh lm-shakespeare-stacked"

if [ "$MODE" != "--report" ]; then
  mvn -B -q package -DskipTests
  cp target/cs224n-dl4j.jar "$OUT/bench.jar" # a copy: a rebuild cannot change the running jar
  JAR="$OUT/bench.jar"
  git rev-parse --short=12 HEAD > "$OUT/commit"
  git diff --quiet HEAD -- src pom.xml conf || echo "(with uncommitted changes)" >> "$OUT/commit"
  for n in 3 4 5; do
    echo "== lm kn --order $n"
    java -jar "$JAR" lm kn --set "order=$n" > "$OUT/kn-$n.log" 2>&1
    tail -2 "$OUT/kn-$n.log"
  done
  echo "== lm bench-rnn"
  java -jar "$JAR" lm bench-rnn --threads 2 > "$OUT/bench-rnn.log" 2>&1
  java -jar "$JAR" lm bench-rnn --threads 2 --hidden 200 --batch 64 --steps 50 > "$OUT/bench-rnn-char.log" 2>&1
  cat "$OUT/bench-rnn.log"
  for t in 1 2; do
    echo "== lm bench-output --threads $t"
    java -jar "$JAR" lm bench-output --set "threads=$t" > "$OUT/bench-output-320-$t.log" 2>&1
    java -jar "$JAR" lm bench-output --set "threads=$t" --set streams=128 --steps 20 > "$OUT/bench-output-2560-$t.log" 2>&1
    tail -1 "$OUT/bench-output-2560-$t.log"
  done
  if [ "$MODE" = "--train" ]; then
    for c in $CONFIGS; do
      echo "== lm train --config conf/$c.yaml"
      /usr/bin/time -v java -jar "$JAR" lm train --config "conf/$c.yaml" --output "runs/$c" > "runs/$c.log" 2>&1
    done
  fi
fi

python3 - "$OUT" "$REPORT" $CONFIGS <<'PY'
import json, os, re, sys, datetime
out, report, configs = sys.argv[1], sys.argv[2], sys.argv[3:]
def read(p):
    return open(p).read() if os.path.exists(p) else ""
def num(text, key):
    m = re.search(r"\b%s=([0-9.]+)" % key, text)
    return float(m.group(1)) if m else None
L = ["# Language models: measured figures", ""]
commit = read(os.path.join(out, "commit")).strip() or "unknown"
L += ["Commit %s; written %s by `scripts/bench-lm.sh`. Machine: 2 cores, no GPU (the runs' run.json files name it)." %
      (commit.replace("\n", " "), datetime.date.today().isoformat()), ""]
kn = {}
L += ["## Kneser-Ney baselines (Brown, words seen <= 3 times -> `<unk>`, `</s>` after every line)", "",
      "| order | valid PPL | test PPL |", "|---|---|---|"]
for n in (3, 4, 5):
    t = read(os.path.join(out, "kn-%d.log" % n))
    v = re.search(r"valid: PPL=([0-9.]+)", t); te = re.search(r"test: PPL=([0-9.]+)", t)
    if te: kn[n] = float(te.group(1))
    L.append("| %d | %s | %s |" % (n, v.group(1) if v else "-", te.group(1) if te else "-"))
L += ["", "Command: `lm kn --set order=N` (conf/lm-kn-brown.yaml).", ""]
L += ["## Recurrent training speed against stacked DL4J SimpleRnn layers", "",
      "`fit` on random data (forward, backward, Adam); multiply-adds counted for the recurrent part only.", ""]
for name, title in (("bench-rnn.log", "3 layers, width 256, 32 sequences of 100 steps (`lm bench-rnn`)"),
                    ("bench-rnn-char.log", "3 layers, width 200, 64 sequences of 50 steps (`lm bench-rnn --hidden 200 --batch 64 --steps 50`)")):
    t = read(os.path.join(out, name))
    if not t: continue
    L += ["### " + title, "", "| stack | parameters | sequences/s | GMAC/s | sequences/s vs SimpleRnn | per multiply-add vs SimpleRnn |", "|---|---|---|---|---|---|"]
    for line in t.splitlines():
        if line.startswith("stack="):
            d = dict(kv.split("=") for kv in line.split())
            L.append("| %s | %s | %s | %s | %s | %s |" % (d["stack"], d["params"], d["sequences_per_second"], d["gmacs_per_second"],
                     d["vs_simple_rnn_sequences"], d["vs_simple_rnn_per_mac"]))
    L.append("")
L += ["## Output layer: full vs class-factored softmax (|V| = 14,115 Brown words, hidden 200)", "",
      "`fit` of the output layer alone, Adam included; targets drawn from Brown's unigram distribution.", "",
      "| tokens per update | threads | full softmax tokens/s | class-factored tokens/s | speed-up |", "|---|---|---|---|---|"]
for tok in (320, 2560):
    for th in (1, 2):
        t = read(os.path.join(out, "bench-output-%d-%d.log" % (tok, th)))
        if not t: continue
        s = re.search(r"output=softmax.*tokens_per_second=([0-9]+)", t); c = re.search(r"output=class.*tokens_per_second=([0-9]+)", t)
        L.append("| %d | %d | %s | %s | %.1fx |" % (tok, th, s.group(1), c.group(1), float(c.group(1)) / float(s.group(1))))
L += ["", "Dense Adam updates every output weight at each step, whichever output layer computed the gradient; with few tokens",
      "per update that shared cost dominates, so the speed-up grows with the tokens per update.", ""]
L += ["## Training runs", "", "| run | level | rnn | output | dropout | parameters | rounds (best) | train min | tokens/s | valid | test | test / KN5 |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|"]
for c in configs:
    p = os.path.join("runs", c, "run.json")
    if not os.path.exists(p):
        L.append("| %s | not run | | | | | | | | | | |" % c); continue
    r = json.load(open(p)); cf = r["config"]
    rows = [l.split(",") for l in read(os.path.join("runs", c, "metrics.csv")).splitlines()[1:] if l]
    ex = sum(float(x[5]) * float(x[4]) for x in rows); secs = sum(float(x[5]) for x in rows)
    tps = ex / secs if secs else 0
    # runs written before the LM config grew (level, rnn, output...) lack those keys: they were word-level Mikolov
    # RNNs with a full softmax
    for k, d in (("level", "word"), ("rnn", "mikolov"), ("layers", 1), ("output", "softmax"), ("dropout", 0.0)):
        cf.setdefault(k, d)
    r.setdefault("rounds", r.get("epochs", len(rows))); r.setdefault("best_round", r.get("best_epoch", 0))
    r.setdefault("train_seconds", secs)
    if cf["level"] == "char":
        val = "%.4f nats/char" % r["valid_nats_per_token"]; test = "-"; ratio = "-"
    else:
        val = "PPL %.2f" % r["valid_ppl"]
        test = "PPL %.2f" % r["test_ppl"] if "test_ppl" in r else "-"
        ratio = "%.3f" % (r["test_ppl"] / kn[5]) if "test_ppl" in r and 5 in kn else "-"
    L.append("| `conf/%s.yaml` | %s | %s x%d, %d | %s | %s | %s | %d (%d) | %.1f | %.0f | %s | %s | %s |" % (
        c, cf["level"], cf["rnn"], cf["layers"], cf["hidden"], cf["output"], cf["dropout"], r.get("parameters", "-"),
        r["rounds"], r["best_round"], r["train_seconds"] / 60, tps, val, test, ratio))
curves = []
for c in configs:
    rows = [l.split(",") for l in read(os.path.join("runs", c, "metrics.csv")).splitlines()[1:] if l]
    p = os.path.join("runs", c, "run.json")
    if rows and os.path.exists(p) and json.load(open(p))["config"].get("level") == "char":
        mins, pts = 0.0, []
        for x in rows:
            mins += float(x[5]) / 60
            pts.append("%.1f min: %.3f" % (mins, -float(x[3])))
        curves.append("| `%s` | %s |" % (c, "; ".join(pts)))
if curves:
    L += ["", "Character level, validation nats/char after each round against cumulative training minutes (between rounds the",
          "validation text is read as 16 parts side by side; the table above has the final one-stream figure):", "",
          "| run | curve |", "|---|---|"] + curves
L += ["", "Each run: `java -jar target/cs224n-dl4j.jar lm train --config conf/<run>.yaml --output runs/<run>`; the validation",
      "figures of the table are the best model's, read as one stream. Commit and machine of each run are in its run.json.", ""]
text = "\n".join(L) + "\n"
# Sections written by other modes (--speed) are carried over as they are.
if os.path.exists(report):
    old = open(report).read()
    for title in ("## Training speed side by side with PyTorch", "## Brown: a stronger word model, one ingredient at a time"):
        start = old.find(title)
        if start < 0: continue
        end = old.find("\n## ", start + 3)
        section = old[start:end + 1] if end >= 0 else old[start:]
        at = text.find("## Training runs")
        text = text[:at] + section + "\n" + text[at:]
open(report, "w").write(text)
print("wrote " + report)
PY
