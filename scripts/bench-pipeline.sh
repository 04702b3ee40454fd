#!/usr/bin/env bash
# Raw text -> trees on UD English EWT; writes results/pipeline-ewt.md.
#  1. tokenizer F1 on dev and test (`text eval-tokenizer`);
#  2. word vectors (`vectors train`, as in bench-siamese.sh) and the tagger (`tagger train`, conf/tagger-ewt.yaml);
#  3. the training treebank tagged by 4-fold jackknifing (`tagger jackknife`), dev/test tagged by the full tagger;
#  4. the parser (conf/parser-ewt.yaml) trained on those predicted tags;
#  5. `pipeline build` and `pipeline eval` on dev and test (gold tokenization + predicted tags; raw text).
# Usage: scripts/bench-pipeline.sh [--report]   (--report only rebuilds the report from runs/bench-pipeline)
set -euo pipefail
cd "$(dirname "$0")/.."
export CS224N_DATA="${CS224N_DATA:-../shared}"
EWT="$CS224N_DATA/corpora/ud-english-ewt"
OUT=runs/bench-pipeline
mkdir -p "$OUT" results
if [ "${1:-}" != "--report" ]; then
  mvn -B -q package -DskipTests
  cp target/cs224n-dl4j.jar "$OUT/bench.jar"
  JAR="$OUT/bench.jar"
  git rev-parse --short=12 HEAD > "$OUT/commit"
  run() { local name=$1; shift; local t0=$(date +%s); java -jar "$JAR" "$@" > "$OUT/$name.log" 2>&1; echo $(( $(date +%s) - t0 )) > "$OUT/$name.seconds"; tail -2 "$OUT/$name.log"; }
  run tokenizer text eval-tokenizer --data "$EWT/en_ewt-ud-dev.conllu" --data "$EWT/en_ewt-ud-test.conllu"
  [ -f "$OUT/vectors.txt" ] || run vectors vectors train --output "$OUT/vectors.txt" --dim 100 --epochs 15 --min-count 3 --lowercase \
      --corpus "$CS224N_DATA/corpora/brown/brown.valid.txt" --corpus "$CS224N_DATA/corpora/brown/brown.test.txt"
  rm -rf "$OUT/tagger" "$OUT/jackknife" "$OUT/parser"
  run tagger tagger train --output "$OUT/tagger" --no-progress --set "pretrained_vectors=$OUT/vectors.txt"
  run jackknife tagger jackknife --output "$OUT/jackknife" --tagged "$OUT/train.tagged.conllu" --folds 4 --no-progress \
      --set "pretrained_vectors=$OUT/vectors.txt" --set epochs=3
  for part in dev test; do
    java -jar "$JAR" tagger tag --model "$OUT/tagger/model.zip" --data "$EWT/en_ewt-ud-$part.conllu" --output "$OUT/$part.tagged.conllu"
  done
  run parser parser train --config conf/parser-ewt.yaml --output "$OUT/parser" --no-progress --set "train=$OUT/train.tagged.conllu" \
      --set "dev=$OUT/dev.tagged.conllu" --set "test=$OUT/test.tagged.conllu"
  java -jar "$JAR" pipeline build --tagger "$OUT/tagger/model.zip" --parser "$OUT/parser/model.zip" --output "$OUT/pipeline.zip"
  for part in dev test; do run "eval-$part" pipeline eval --model "$OUT/pipeline.zip" --data "$EWT/en_ewt-ud-$part.conllu"; done
fi

python3 - "$OUT" <<'PY'
import json, os, sys, datetime
out = sys.argv[1]
def read(p):
    p = os.path.join(out, p)
    return open(p).read() if os.path.exists(p) else ""
run = json.loads(read("tagger/run.json") or "{}")
L = ["# Raw text to trees on UD English EWT: measured figures", "",
     "Commit %s; written %s by `scripts/bench-pipeline.sh`. Machine: %s." % (read("commit").strip(), datetime.date.today(), run.get("machine", "?")), "",
     "## Tokenizer (`text eval-tokenizer`)", "", "```", read("tokenizer.log").strip(), "```", "",
     "## Tagger (`tagger train`, conf/tagger-ewt.yaml, word2vec initialisation)", "", "```",
     "\n".join(l for l in read("tagger.log").splitlines() if l.startswith(("train:", "dev:", "test:", "epoch", "  "))), "```", "",
     "## Jackknifed training tags (4 folds, 3 epochs each)", "", "```",
     "\n".join(l for l in read("jackknife.log").splitlines() if "held-out" in l), "```", "",
     "## Parser trained on predicted tags, then the whole pipeline (`pipeline eval`)", ""]
for part in ("dev", "test"):
    L += ["### " + part, "", "```", read("eval-%s.log" % part).strip(), "```", ""]
L += ["Targets (issue 7): EWT test, gold tokenization, predicted POS: UAS >= 86.0, LAS >= 83.0; tagger UPOS >= 95.5.", ""]
open("results/pipeline-ewt.md", "w").write("\n".join(L) + "\n")
print("wrote results/pipeline-ewt.md")
PY
