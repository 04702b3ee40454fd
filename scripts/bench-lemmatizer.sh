#!/usr/bin/env bash
# The lemmatizer on UD English EWT; writes results/lemmatizer-ewt.md. Each model is trained only when
# runs/lemmatizer-{attention,plain}/model.zip is missing (about 30 minutes each on 2 cores; both run side by side, one
# thread each). Then, for each: test with gold UPOS (greedy and beam 4), the baselines, and the attention model inside a
# pipeline (tagger + transition parser + lemmatizer, tagger and parser given as TAGGER=... PARSER=...) scored with the
# tagger's UPOS.
# Usage: TAGGER=runs/tagger/model.zip PARSER=runs/parser/model.zip scripts/bench-lemmatizer.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CS224N_DATA="${CS224N_DATA:-../shared}"
EWT="$CS224N_DATA/corpora/ud-english-ewt"
: "${TAGGER:?set TAGGER to a tagger model file}" "${PARSER:?set PARSER to a parser model file}"
JAR=runs/bench-lemmatizer.jar
mkdir -p runs results
cp target/cs224n-dl4j.jar "$JAR"   # the build under test, safe from a rebuild while this runs
# Two JVMs side by side: each gets a 3 GB heap and 3 GB of off-heap ND4J memory (the defaults, 1/4 of RAM each and as
# much off-heap again, let two of them outgrow 24 GB: the kernel killed one on 2026-12-02).
run() { java -Xmx3g -Dorg.bytedeco.javacpp.maxbytes=3g -Dorg.bytedeco.javacpp.maxphysicalbytes=7g -jar "$JAR" "$@"; }

pids=()
for m in attention plain; do
  conf=conf/lemmatizer-ewt.yaml; [ "$m" = plain ] && conf=conf/lemmatizer-ewt-plain.yaml
  if [ ! -f "runs/lemmatizer-$m/model.zip" ]; then
    run lemmatizer train --config "$conf" --output "runs/lemmatizer-$m" --set threads=1 --no-progress --resume > "runs/lemmatizer-$m.log" 2>&1 &
    pids+=($!)
  fi
done
for p in "${pids[@]}"; do wait "$p"; done

REPORT=results/lemmatizer-ewt.md
{
  echo "# Lemmatizer on UD English EWT: measured figures"
  echo
  echo "Report written $(date -u +%Y-%m-%d) by \`scripts/bench-lemmatizer.sh\` at commit $(git rev-parse --short=12 HEAD)$(git diff --quiet || echo -dirty)."
  echo "Machine: $(hostname), $(nproc) cores, $(uname -sm), $(java -version 2>&1 | head -1)."
  echo
  echo "## Baselines (\`lemmatizer baseline\`, gold UPOS)"
  echo '```'
  run lemmatizer baseline
  echo '```'
  for m in attention plain; do
    echo
    echo "## The $m model (\`runs/lemmatizer-$m\`)"
    echo
    echo "Training log (\`lemmatizer train --config conf/lemmatizer-ewt$([ "$m" = plain ] && echo -plain).yaml\`; epochs table, then dev and test with gold UPOS):"
    echo '```'
    grep -v '^resuming\|^note:' "runs/lemmatizer-$m.log" || true
    echo '```'
    echo "run.json: $(python3 -c "import json;r=json.load(open('runs/lemmatizer-$m/run.json'));print(', '.join(f'{k} {r[k]}' for k in ['parameters','best_epoch','epochs','train_seconds'] if k in r))")"
    echo
    echo "Test, gold UPOS (\`lemmatizer eval --data en_ewt-ud-test.conllu\`), greedy and beam 4:"
    echo '```'
    run lemmatizer eval --model "runs/lemmatizer-$m/model.zip" --data "$EWT/en_ewt-ud-test.conllu" --beam 1
    run lemmatizer eval --model "runs/lemmatizer-$m/model.zip" --data "$EWT/en_ewt-ud-test.conllu" --beam 4
    echo '```'
  done
  echo
  echo "## In the pipeline, from the tagger's UPOS (\`pipeline eval --no-raw\`, test)"
  echo
  echo "Tagger \`$TAGGER\`, parser \`$PARSER\`, lemmatizer \`runs/lemmatizer-attention/model.zip\`."
  echo '```'
  run pipeline build --tagger "$TAGGER" --parser "$PARSER" --lemmatizer runs/lemmatizer-attention/model.zip --output runs/pipeline-lemmatizer.zip
  run pipeline eval --model runs/pipeline-lemmatizer.zip --data "$EWT/en_ewt-ud-test.conllu" --no-raw
  echo '```'
} > "$REPORT.tmp"
mv "$REPORT.tmp" "$REPORT"
echo "wrote $REPORT"
