#!/usr/bin/env bash
# The two parsers side by side on UD English EWT; writes results/parser-biaffine.md. Every stage is skipped when its
# output exists under runs/bench-biaffine (delete a model's folder to retrain it). Stages:
#  1. the transition parser (conf/parser-ewt.yaml): plain, and with nonprojective: pseudo (the pseudo-projective transform);
#  2. the biaffine parser (conf/parser-ewt-biaffine.yaml): without and with the character CNN (each about 90 minutes;
#     two can train at once with threads=1 each, as they were for the report);
#  3. a tagger (conf/tagger-ewt.yaml, initialised from TAGGER_VECTORS when given; the report's used the Brown vectors of
#     conf/vectors-100.yaml) for predicted POS, and `pipeline eval` (gold tokenization, predicted tags) of each parser;
#  4. `parser eval` on dev and test (UAS/LAS and non-projective arc recall) and `parser bench` (1 thread) of each parser;
#  5. the PTB WSJ sample (unlabelled, XPOS): both parsers (the biaffine one with a 10-minute budget).
# Rows whose models are missing (e.g. with pre-trained vectors, when no VECTORS file is given) are listed as not run.
# Usage: scripts/bench-parser-biaffine.sh [--report]   (--report only rebuilds the report from runs/bench-biaffine)
#        VECTORS=vectors.txt scripts/bench-parser-biaffine.sh --fast [--report]   (the speed-sized parser of
#        conf/parser-ewt-biaffine-fast.yaml alone, stages 2-4, trained on one thread as its config says; its section of the report is replaced
#        or appended, the rest kept)
#        TRAIN=0 scripts/bench-parser-biaffine.sh   (evaluates the parsers present, trains none)
#        VECTORS=vectors.txt scripts/bench-parser-biaffine.sh   (also the "+ vectors" rows: the vectors as the transition
#        parser's word table (word_dim set to their dimension, trained further) and as the biaffine parser's fixed input)
set -euo pipefail
cd "$(dirname "$0")/.."
export CS224N_DATA="${CS224N_DATA:-../shared}"
EWT="$CS224N_DATA/corpora/ud-english-ewt"
PTB="$CS224N_DATA/corpora/ptb-wsj-sample"
OUT=runs/bench-biaffine
mkdir -p "$OUT" results

# name -> config and overrides
declare -A PARSERS=(
  [cm]="conf/parser-ewt.yaml"
  [cm-pseudo]="conf/parser-ewt.yaml --set nonprojective=pseudo"
  [biaffine]="conf/parser-ewt-biaffine.yaml --set threads=1"
  [biaffine-char]="conf/parser-ewt-biaffine.yaml --set threads=1 --set char_dim=50 --set char_filters=100"
)
ORDER=(cm cm-pseudo biaffine biaffine-char)
TAGGER_SET=()
[ -z "${TAGGER_VECTORS:-}" ] || TAGGER_SET=(--set "pretrained_vectors=$TAGGER_VECTORS" --set "word_dim=$(head -1 "$TAGGER_VECTORS" | cut -d' ' -f2)")
if [ -n "${VECTORS:-}" ]; then
  DIM=$(head -1 "$VECTORS" | cut -d' ' -f2)
  PARSERS[cm-vectors]="conf/parser-ewt.yaml --set pretrained_vectors=$VECTORS --set word_dim=$DIM"
  PARSERS[biaffine-vectors]="${PARSERS[biaffine]} --set pretrained_vectors=$VECTORS"
  PARSERS[biaffine-char-vectors]="${PARSERS[biaffine-char]} --set pretrained_vectors=$VECTORS"
  ORDER=(cm cm-vectors cm-pseudo biaffine biaffine-vectors biaffine-char biaffine-char-vectors)
fi
MODE=full
if [ "${1:-}" = "--fast" ]; then
  [ -n "${VECTORS:-}" ] || { echo "--fast needs VECTORS (the word vectors of conf/vectors-wiki.yaml)" >&2; exit 2; }
  MODE=fast
  PARSERS[biaffine-fast]="conf/parser-ewt-biaffine-fast.yaml --set pretrained_vectors=$VECTORS"
  ORDER=(biaffine-fast)
  shift
fi

if [ "${1:-}" != "--report" ]; then
  mvn -B -q package -DskipTests
  cp target/cs224n-dl4j.jar "$OUT/bench.jar"
  JAR="$OUT/bench.jar"
  git rev-parse --short=12 HEAD > "$OUT/commit"
  run() { local name=$1; shift; local t0=$(date +%s); /usr/bin/time -v java -jar "$JAR" "$@" > "$OUT/$name.log" 2>&1; echo $(( $(date +%s) - t0 )) > "$OUT/$name.seconds"; }
  for name in "${ORDER[@]}"; do
    [ "${TRAIN:-1}" = 1 ] || break
    # shellcheck disable=SC2086
    [ -f "$OUT/$name/model.zip" ] || run "train-$name" parser train --config ${PARSERS[$name]} --output "$OUT/$name" --no-progress
  done
  [ -f "$OUT/tagger/model.zip" ] || run tagger tagger train --output "$OUT/tagger" --no-progress "${TAGGER_SET[@]}"
  for name in "${ORDER[@]}"; do
    [ -f "$OUT/$name/model.zip" ] || continue # a model not trained (see above) is reported as not run
    for part in dev test; do
      run "eval-$name-$part" parser eval --model "$OUT/$name/model.zip" --data "$EWT/en_ewt-ud-$part.conllu"
    done
    java -jar "$JAR" pipeline build --tagger "$OUT/tagger/model.zip" --parser "$OUT/$name/model.zip" --output "$OUT/pipeline-$name.zip"
    for part in dev test; do
      run "pipeline-$name-$part" pipeline eval --model "$OUT/pipeline-$name.zip" --data "$EWT/en_ewt-ud-$part.conllu" --no-raw
    done
    run "bench-$name" parser bench --model "$OUT/$name/model.zip" --data "$EWT/en_ewt-ud-dev.conllu" --threads 1
  done
  [ "$MODE" = fast ] || [ -f "$OUT/ptb-cm/model.zip" ] || run train-ptb-cm parser train --config conf/parser-ptb-sample.yaml --output "$OUT/ptb-cm" --no-progress
  [ "$MODE" = fast ] || [ -f "$OUT/ptb-biaffine/model.zip" ] || run train-ptb-biaffine parser train --config conf/parser-ewt-biaffine.yaml --output "$OUT/ptb-biaffine" \
      --no-progress --set labelled=false --set tags=[xpos] --set "train=$PTB/wsj-sample-train.conll" --set "dev=$PTB/wsj-sample-dev.conll" \
      --set "test=$PTB/wsj-sample-test.conll" --set max_train_minutes=10
fi

python3 - "$OUT" "$MODE" "${ORDER[@]}" <<'PY'
import json, os, re, sys, datetime
out, mode, names = sys.argv[1], sys.argv[2], sys.argv[3:]
def read(p):
    p = os.path.join(out, p)
    return open(p).read() if os.path.exists(p) else ""
def field(text, key):
    m = re.search(r"\b%s=([0-9.]+)" % key, text)
    return m.group(1) if m else "?"
def recall(text):
    m = re.search(r"non-projective arcs: (\d+) gold .*?, (\d+) recovered \(recall ([0-9.]+)%\), (\d+) predicted", text)
    return "%s of %s (%s%%; %s predicted)" % (m.group(2), m.group(1), m.group(3), m.group(4)) if m else "?"
def peak(text):
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return "%.1f GiB" % (int(m.group(1)) / 1048576) if m else "?"
def minutes(name):
    s = read(name + ".seconds").strip()
    return "%.0f min" % (int(s) / 60) if s else "?"
def gold_pos(name, part):
    t = read("eval-%s-%s.log" % (name, part))
    return "%s / %s" % (field(t, "UAS"), field(t, "LAS")) if t else "not run"
def pred_pos(name, part):
    t = read("pipeline-%s-%s.log" % (name, part))
    m = re.search(r"UAS[= ]+([0-9.]+).*?LAS[= ]+([0-9.]+)", t)
    return "%s / %s" % (m.group(1), m.group(2)) if m else "not run"
first = json.loads(read(names[0] + "/run.json") or "{}")
HEADER = ["| parser | dev UAS / LAS (gold POS) | test UAS / LAS (gold POS) | dev UAS / LAS (predicted POS) | test UAS / LAS (predicted POS) | "
          "test non-projective arcs recovered | training (wall) | peak memory: training / parsing | parse speed, 1 thread |",
          "|---|---:|---:|---:|---:|---|---:|---:|---:|"]
def rows(names):
    L = []
    for n in names:
        if not read(n + "/run.json"):
            L.append("| %s | not run |  |  |  |  |  |  |  |" % n)
            continue
        L.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s sentences/s |" % (
            n, gold_pos(n, "dev"), gold_pos(n, "test"), pred_pos(n, "dev"), pred_pos(n, "test"), recall(read("eval-%s-test.log" % n)),
            minutes("train-" + n), "%s / %s" % (peak(read("train-%s.log" % n)), peak(read("bench-%s.log" % n))),
            field(read("bench-%s.log" % n), "sentences_per_second")))
    return L
def tagger_line():
    tagger = json.loads(read("tagger/run.json") or "{}")
    c = tagger.get("config", {})
    return ("Predicted POS: the tagger of `%s/tagger` (conf/tagger-ewt.yaml; commit %s, word vectors %s, word_dim %s, %s epochs; its own "
            "test UPOS %s, XPOS %s as trained) through `pipeline eval --no-raw` (gold tokenization), whose log also gives the tags' accuracy." % (
            out, tagger.get("commit", "?"), c.get("pretrainedVectors") or "none", c.get("wordDim", "?"), c.get("epochs", "?"),
            tagger.get("test_upos", "?"), tagger.get("test_xpos", "?")))
def logs(names):
    L = []
    for n in names:
        L += ["### " + n, "", "```", "\n".join(l for l in read("train-%s.log" % n).splitlines()
                                               if re.match(r"^(train:|vocabulary:|pretrained vectors:|epoch|\s+\d+\s|dev|test)", l)), "```", ""]
    return L
TARGETS = ("Targets (EWT test, single model): gold POS UAS >= 90.0, LAS >= 88.0; predicted POS UAS >= 88.5, LAS >= 86.0; "
           "non-projective arc recall >= 50%; training within 90 minutes on 2 cores; parsing >= 1,000 sentences/s on 1 thread.")
def read_report():
    return open("results/parser-biaffine.md").read() if os.path.exists("results/parser-biaffine.md") else ""
def fast_section(report):
    """The --fast section of a report (a match object), or None."""
    return re.search(r"^<!-- fast:.*?^<!-- /fast -->\n", report, re.S | re.M)
if mode == "fast":
    L = ["<!-- fast: written by scripts/bench-parser-biaffine.sh --fast -->", "## The speed-sized biaffine parser", "",
         "Section written %s by `VECTORS=%s scripts/bench-parser-biaffine.sh --fast` at commit %s (%s: 2 BiLSTM layers of 160 per "
         "direction, label MLP 80, the character CNN and the Wikipedia vectors; trained on one thread). Machine: %s. The rows above "
         "are not rerun by it." % (datetime.date.today(), os.environ.get("VECTORS", "?"), read("commit").strip(),
                                    "conf/parser-ewt-biaffine-fast.yaml", first.get("machine", "?")), ""]
    L += HEADER + rows(names) + ["", tagger_line(), ""] + logs(names) + [TARGETS, "<!-- /fast -->"]
    report = read_report()
    section = "\n".join(L) + "\n"
    m = fast_section(report)
    report = report[:m.start()] + section + report[m.end():] if m else report + ("\n" if report else "") + section
    tmp = "results/parser-biaffine.md.tmp"
    open(tmp, "w").write(report)
    os.replace(tmp, "results/parser-biaffine.md")
    print("wrote the fast section of results/parser-biaffine.md")
    sys.exit(0)
L = ["# The transition parser and the biaffine parser on UD English EWT", "",
     "Report written %s by `scripts/bench-parser-biaffine.sh` at commit %s. Machine: %s. Each model's own commit, seed and "
     "configuration are in its `run.json`; every figure below was printed by the commands the script runs (logs in %s). A stage whose "
     "output already existed was not rerun (models trained earlier on this machine by the same commands; biaffine models "
     "trained two at a time, one thread each). A row whose model is missing says \"not run\"."
     % (datetime.date.today(), read("commit").strip(), first.get("machine", "?"), out), ""] + HEADER + rows(names)
L += ["", tagger_line(), "",
      "## PTB WSJ sample (unlabelled)", "",
      "| parser | dev | test |", "|---|---|---|"]
for n in ("ptb-cm", "ptb-biaffine"):
    t = read("train-%s.log" % n)
    d = re.search(r"^dev:\s+(.*)$", t, re.M); s = re.search(r"^test:\s+(.*)$", t, re.M)
    L.append("| %s | %s | %s |" % (n, d.group(1) if d else "not run", s.group(1) if s else "not run"))
L += ["", "## Training logs (epoch tables)", ""] + logs(names) + [TARGETS, ""]
fast = fast_section(read_report())
tmp = "results/parser-biaffine.md.tmp"
open(tmp, "w").write("\n".join(L) + "\n" + ("\n" + fast.group(0) if fast else ""))
os.replace(tmp, "results/parser-biaffine.md")
print("wrote results/parser-biaffine.md")
PY
