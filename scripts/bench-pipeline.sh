#!/usr/bin/env bash
# Raw text -> trees on UD English EWT; writes results/pipeline-ewt.md. Every stage is skipped when its output
# exists under runs/bench-pipeline (delete a model's folder to retrain it; the whole folder to redo everything:
# about 2 hours on 2 cores).
#  1. tokenizer F1 on dev and test (`text eval-tokenizer`);
#  2. word2vec vectors (`vectors train`): 100-d, lowercased, on Brown train/valid/test + EWT train for the tagger
#     (as bench-siamese.sh); 50-d on Brown train + EWT train for the parsers (as bench-parser.sh);
#  3. two taggers (conf/tagger-ewt.yaml, 8 epochs, seeds 1234 and 7) and the training treebank tagged by 4-fold jackknifing
#     (`tagger jackknife`, 3 epochs per fold); dev/test tagged by the tagger;
#  4. the parsers (conf/parser-ewt.yaml + word2vec), on gold or on jackknifed training tags, and "ctx-" parsers that
#     also read a tagger's BiLSTM states at s1, s2, s3, b1 (context_tagger; PARSERS below);
#  5. `pipeline build` and `pipeline eval`: one tagger and one parser (gold-w2v; then ctx-w2v), and the ensemble of
#     both taggers and every parser in ENSEMBLE.
# Usage: scripts/bench-pipeline.sh [--report]   (--report only rebuilds the report from runs/bench-pipeline)
set -euo pipefail
cd "$(dirname "$0")/.."
export CS224N_DATA="${CS224N_DATA:-../shared}"
EWT="$CS224N_DATA/corpora/ud-english-ewt"
OUT=runs/bench-pipeline
mkdir -p "$OUT" results

# name -> overrides of conf/parser-ewt.yaml. "jk-" parsers train on the jackknifed tags; "ctx-" parsers on gold tags,
# and those with a context_tagger also read its states; all but the gold-tag ones pick their best epoch on the tagger's
# dev tags, as they will parse.
declare -A PARSERS=(
  [gold-w2v]="--set pretrained_vectors=$OUT/vectors50.txt"
  [jk-w2v]="--set pretrained_vectors=$OUT/vectors50.txt --set epochs=14 --set seed=99"
  [gold-w2v-s7]="--set pretrained_vectors=$OUT/vectors50.txt --set epochs=16 --set seed=7"
  [jk-w2v-s5]="--set pretrained_vectors=$OUT/vectors50.txt --set epochs=16 --set seed=5"
  [gold-w100-h600]="--set pretrained_vectors=$OUT/vectors100.txt --set word_dim=100 --set hidden=600 --set epochs=16 --set seed=3"
  [jk-w100-h600]="--set pretrained_vectors=$OUT/vectors100.txt --set word_dim=100 --set hidden=600 --set epochs=16 --set seed=11"
  [ctx-w2v]="--set pretrained_vectors=$OUT/vectors50.txt --set context_tagger=$OUT/tagger/model.zip --set context_dropout=0.3"
  [ctx-s7]="--set pretrained_vectors=$OUT/vectors50.txt --set context_tagger=$OUT/tagger-s7/model.zip --set context_dropout=0.3 --set seed=7 --set epochs=14"
  [jk-ctx-s7]="--set pretrained_vectors=$OUT/vectors50.txt --set context_tagger=$OUT/tagger-s7/model.zip --set context_dropout=0.3 --set seed=5 --set epochs=12"
  [ctx-b6]="--set pretrained_vectors=$OUT/vectors50.txt --set context_tagger=$OUT/tagger/model.zip --set context_positions=[s1,s2,s3,b1,b2,b3] --set context_dropout=0.3 --set seed=3 --set epochs=14"
)
ORDER=(gold-w2v jk-w2v gold-w2v-s7 jk-w2v-s5 gold-w100-h600 jk-w100-h600 ctx-w2v ctx-s7 ctx-b6 jk-ctx-s7)
# Chosen on dev (gold tokens, predicted tags, both taggers). Without tagger states: gold-w2v jk-w2v gold-w2v-s7 jk-w2v-s5
# gold-w100-h600 85.74 / 82.61 (adding jk-w100-h600 85.70 / 82.51; a third tagger, seed 11: 85.62 / 82.52). With states:
# ctx-w2v + ctx-s7 86.22 / 83.09, + ctx-b6 86.21 / 83.05, + jk-ctx-s7 instead 86.28 / 83.27, all four 86.15 / 83.09;
# ctx-w2v ctx-s7 + the five above 85.85 / 82.76.
ENSEMBLE=(${BENCH_ENSEMBLE:-ctx-w2v ctx-s7 jk-ctx-s7})

if [ "${1:-}" != "--report" ]; then
  mvn -B -q package -DskipTests
  cp target/cs224n-dl4j.jar "$OUT/bench.jar"
  JAR="$OUT/bench.jar"
  git rev-parse --short=12 HEAD > "$OUT/commit"
  run() { local name=$1; shift; local t0=$(date +%s); java -jar "$JAR" "$@" > "$OUT/$name.log" 2>&1; echo $(( $(date +%s) - t0 )) > "$OUT/$name.seconds"; tail -2 "$OUT/$name.log"; }
  run tokenizer text eval-tokenizer --data "$EWT/en_ewt-ud-dev.conllu" --data "$EWT/en_ewt-ud-test.conllu"
  [ -f "$OUT/vectors100.txt" ] || run vectors100 vectors train --config conf/vectors-100.yaml --output "$OUT/vectors100.txt"
  [ -f "$OUT/vectors50.txt" ] || run vectors50 vectors train --output "$OUT/vectors50.txt"
  [ -f "$OUT/tagger/model.zip" ] || run tagger tagger train --output "$OUT/tagger" --no-progress --set "pretrained_vectors=$OUT/vectors100.txt"
  [ -f "$OUT/tagger-s7/model.zip" ] || run tagger-s7 tagger train --output "$OUT/tagger-s7" --no-progress \
      --set "pretrained_vectors=$OUT/vectors100.txt" --set seed=7
  [ -f "$OUT/train.tagged.conllu" ] || run jackknife tagger jackknife --output "$OUT/jackknife" --tagged "$OUT/train.tagged.conllu" --folds 4 \
      --no-progress --set "pretrained_vectors=$OUT/vectors100.txt" --set epochs=3
  for part in dev test; do
    [ -f "$OUT/$part.tagged.conllu" ] || java -jar "$JAR" tagger tag --model "$OUT/tagger/model.zip" --data "$EWT/en_ewt-ud-$part.conllu" \
        --output "$OUT/$part.tagged.conllu"
  done
  for name in "${ORDER[@]}"; do
    [ -f "$OUT/$name/model.zip" ] && continue
    # Parsers on gold training tags pick their best epoch on gold dev tags; those on jackknifed tags on the tagger's.
    tags=""
    [[ $name == jk-* ]] && tags="--set train=$OUT/train.tagged.conllu --set dev=$OUT/dev.tagged.conllu --set test=$OUT/test.tagged.conllu"
    [[ $name == *ctx-* && $name != jk-* ]] && tags="--set dev=$OUT/dev.tagged.conllu --set test=$OUT/test.tagged.conllu"
    # shellcheck disable=SC2086
    set -f # the overrides are split on spaces but not globbed ([s1,...] is a YAML list)
    run "parser-$name" parser train --config conf/parser-ewt.yaml --output "$OUT/$name" --no-progress $tags ${PARSERS[$name]}
    set +f
  done
  java -jar "$JAR" pipeline build --tagger "$OUT/tagger/model.zip" --parser "$OUT/gold-w2v/model.zip" --output "$OUT/single.zip"
  java -jar "$JAR" pipeline build --tagger "$OUT/tagger/model.zip" --parser "$OUT/ctx-w2v/model.zip" --output "$OUT/single-ctx.zip"
  members=(); for name in "${ENSEMBLE[@]}"; do members+=(--parser "$OUT/$name/model.zip"); done
  java -jar "$JAR" pipeline build --tagger "$OUT/tagger/model.zip" --tagger "$OUT/tagger-s7/model.zip" "${members[@]}" --output "$OUT/ensemble.zip"
  echo "taggers: tagger tagger-s7; parsers: ${ENSEMBLE[*]}" > "$OUT/ensemble.members"
  for model in single single-ctx ensemble; do
    run "eval-$model-dev" pipeline eval --model "$OUT/$model.zip" --data "$EWT/en_ewt-ud-dev.conllu" --no-raw
    run "eval-$model-test" pipeline eval --model "$OUT/$model.zip" --data "$EWT/en_ewt-ud-test.conllu"
  done
fi

python3 - "$OUT" "${ORDER[@]}" <<'PY'
import json, os, sys, datetime, csv
out, names = sys.argv[1], sys.argv[2:]
def read(p):
    p = os.path.join(out, p)
    return open(p).read() if os.path.exists(p) else ""
def grep(text, *starts):
    return "\n".join(l for l in text.splitlines() if l.startswith(starts))
tagger = json.loads(read("tagger/run.json") or "{}")
L = ["# Raw text to trees on UD English EWT: measured figures", "",
     "Report written %s by `scripts/bench-pipeline.sh` at commit %s. Machine: %s. Each model's own commit, seed and "
     "configuration are in its `run.json` (listed below). A stage whose output already existed was not rerun: models trained "
     "earlier on this machine by the same commands were placed under %s (their training paths show where they were made); "
     "every `pipeline eval` figure below was printed by this run." % (datetime.date.today(), read("commit").strip(), tagger.get("machine", "?"), out), "",
     "## Tokenizer and sentence splitter (`text eval-tokenizer`)", "", "```", read("tokenizer.log").strip(), "```", "",
     "## Tagger (`tagger train`, conf/tagger-ewt.yaml, 100-d word2vec initialisation; commit %s)" % tagger.get("commit", "?"), "", "```",
     grep(read("tagger.log"), "train:", "dev:", "test:", "epoch", "  "), "```", "",
     "Second tagger (seed 7; the ensemble's):", "", "```", grep(read("tagger-s7.log"), "dev:", "test:"), "```", "",
     "## Jackknifed training tags (4 folds, 3 epochs each)", "", "```", "\n".join(l for l in read("jackknife.log").splitlines() if "held-out" in l), "```", "",
     "## Parsers (conf/parser-ewt.yaml + word2vec)", "",
     "Best epoch chosen on dev: with gold dev tags for the gold-trained parsers, with the tagger's for the jackknifed and ctx- ones.", "",
     "| parser | training tags | settings | best epoch / epochs | dev UAS / LAS at that epoch | commit |", "|---|---|---|---|---|---|"]
for n in names:
    run = json.loads(read(n + "/run.json") or "{}")
    rows = list(csv.DictReader(open(os.path.join(out, n, "metrics.csv")))) if os.path.exists(os.path.join(out, n, "metrics.csv")) else []
    best = max(rows, key=lambda r: float(r["dev_uas"])) if rows else None
    cfg = run.get("config", {})
    over = ", ".join("%s=%s" % (k, cfg[k]) for k in ("seed", "epochs", "wordDim", "hidden", "train") if k in cfg)
    kind = "jackknifed" if n.startswith("jk-") else "gold"
    if cfg.get("contextTagger"):
        kind += " + states of " + cfg["contextTagger"] + " at " + " ".join(cfg.get("contextPositions", []))
    L.append("| %s | %s | %s | %s / %d | %s | %s |" % (n, kind, over,
             best["epoch"] if best else "?", len(rows), "%.2f / %.2f" % (float(best["dev_uas"]), float(best["dev_las"])) if best else "?",
             run.get("commit", "?")))
L += ["", "## The pipeline (`pipeline eval`: gold tokenization with predicted tags; then from the raw `# text`)", "",
      "Ensemble (taggers by mean tag probability; parsers decide together at each step by mean probability): %s." % read("ensemble.members").strip(), ""]
names_of = {"single": "one tagger, one parser (gold-w2v)", "single-ctx": "one tagger, one parser reading its states (ctx-w2v)",
            "ensemble": "the ensemble"}
for model in ("single", "single-ctx", "ensemble"):
    for part in ("dev", "test"):
        L += ["### %s, %s" % (names_of[model], part), "", "```", grep(read("eval-%s-%s.log" % (model, part)), "gold tokenization", "raw text"), "```", ""]
L += ["Targets: EWT test, gold tokenization, predicted POS: UAS >= 86.0, LAS >= 83.0; tagger UPOS >= 95.5.", ""]
open("results/pipeline-ewt.md", "w").write("\n".join(L) + "\n")
print("wrote results/pipeline-ewt.md")
PY
