#!/usr/bin/env bash
# Trains the parser on UD English EWT with the default config and the ablation variants, then writes
# results/parser-ewt.md: dev/test UAS/LAS, best epoch, wall time, examples/s, machine and commit.
# Usage: scripts/bench-parser.sh [variant ...] | --report   (default: all variants below; 3-15 minutes each on 2 cores)
# BENCH_EXTRA adds overrides to every run (e.g. BENCH_EXTRA="--set threads=1" to run two benches side by side);
# the report lists every variant found in $BENCH_OUT, so such runs end in one table.
set -euo pipefail
cd "$(dirname "$0")/.."
export CS224N_DATA="${CS224N_DATA:-../shared}"
OUT="${BENCH_OUT:-runs/bench-parser}"
REPORT=results/parser-ewt.md
mkdir -p "$OUT" results

declare -A VARIANTS=(
  [default]=""
  [xpos-only]="--set tags=[xpos]"
  [upos-only]="--set tags=[upos]"
  [reference-unlabelled-xpos]="--set tags=[xpos] --set labelled=false --set hidden=200 --set min_word_count=1"
  [hidden-200]="--set hidden=200 --set min_word_count=1"
  [no-dropout]="--set dropout=0"
  [pretrained-vectors]="--set pretrained_vectors=$OUT/vectors.txt"
)
# Variants on another config than conf/parser-ewt.yaml.
declare -A CONFIG=([ptb-sample]=conf/parser-ptb-sample.yaml)
VARIANTS[ptb-sample]=""
ALL=(default ptb-sample reference-unlabelled-xpos xpos-only upos-only hidden-200 no-dropout pretrained-vectors)
ORDER=("${ALL[@]}")
[ $# -gt 0 ] && ORDER=("$@")
EXTRA="${BENCH_EXTRA:-}"

[ -n "${BENCH_NO_BUILD:-}" ] || [ "${1:-}" = --report ] || mvn -B -q package -DskipTests
JAR=target/cs224n-dl4j.jar

report() {
  commit=$(git rev-parse --short=12 HEAD)$(git diff --quiet HEAD -- src pom.xml conf || echo "-dirty")
  {
    echo "# Parser on UD English EWT"
    echo
    echo "Written by \`scripts/bench-parser.sh\` on $(date -u +%Y-%m-%d) (checkout at \`$commit\`); each run's own commit is in its row."
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)."
    echo "Scores of the best-on-dev epoch. LAS compares the full DEPREL. Unlabelled runs (PTB sample, reference-unlabelled) predict no labels: their LAS means nothing. Runs with 1 thread ran two or three side by side (BENCH_EXTRA), so their ex/s and wall times are not comparable with the 2-thread default."
    echo
    echo "| variant | config + overrides | dev UAS | dev LAS | test UAS | test LAS | best epoch / epochs | threads | train ex/s | wall time | commit |"
    echo "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|"
    for v in "${ALL[@]}"; do
      log="$OUT/$v.log"
      [ -f "$log" ] || continue
      wall=$(sed -n 's/^wall_seconds=//p' "$log")
      [ -n "$wall" ] || continue   # still running
      dev=$(grep '^dev:' "$log" | tail -1 || true)
      test=$(grep '^test:' "$log" | tail -1 || true)
      val() { echo "$1" | sed -n "s/.* $2=\([0-9.]*\).*/\1/p"; }
      best=$(sed -n 's/.*"best_epoch" : \([0-9]*\).*/\1/p' "$OUT/$v/run.json" | tail -1)
      epochs=$(sed -n 's/.*"epochs" : \([0-9]*\).*/\1/p' "$OUT/$v/run.json" | tail -1)
      exs=$(awk -F, 'NR>1{s+=$(NF-2); n++} END{if(n) printf "%d", s/n}' "$OUT/$v/metrics.csv")
      threads=$(sed -n 's/^threads: //p' "$OUT/$v/config.yaml")
      runcommit=$(sed -n 's/.*"commit" : "\([^"]*\)".*/\1/p' "$OUT/$v/run.json" | tail -1)
      printf '| %s | `%s %s` | %s | %s | %s | %s | %s / %s | %s | %s | %dm%02ds | %s |\n' "$v" "$(basename "${CONFIG[$v]:-conf/parser-ewt.yaml}")" "${VARIANTS[$v]:-}" \
        "$(val " $dev" UAS)" "$(val " $dev" LAS)" "$(val " $test" UAS)" "$(val " $test" LAS)" "$best" "$epochs" "$threads" "$exs" $((wall/60)) $((wall%60)) "$runcommit"
    done
    echo
    if [ -f "$OUT/default/metrics.csv" ]; then
      echo "Dev UAS after each epoch of the default run: $(awk -F, 'NR>1{printf "%s%.2f", (NR>2?", ":""), $3}' "$OUT/default/metrics.csv")."
      echo
    fi
    echo "Per-epoch figures: \`$OUT/<variant>/metrics.csv\`; per-label test scores of the default run:"
    echo
    { sed -n '/## Per label/,$p' "$OUT/default/scores.md" 2>/dev/null || true; } | tail -n +3
  } > "$REPORT.tmp"
  mv "$REPORT.tmp" "$REPORT"
}

if [ "${1:-}" = --report ]; then   # only rewrite the report from the runs in $OUT
  report
  echo "wrote $REPORT"
  exit 0
fi

for v in "${ORDER[@]}"; do
  if [ "$v" = pretrained-vectors ] && [ ! -f "$OUT/vectors.txt" ]; then
    java -jar "$JAR" vectors train --output "$OUT/vectors.txt" | tee "$OUT/vectors.log"
  fi
  echo "== $v"
  start=$(date +%s)
  # shellcheck disable=SC2086
  java -jar "$JAR" parser train --config "${CONFIG[$v]:-conf/parser-ewt.yaml}" --output "$OUT/$v" ${VARIANTS[$v]} $EXTRA --no-progress | tee "$OUT/$v.log"
  echo "wall_seconds=$(( $(date +%s) - start ))" >> "$OUT/$v.log"
  report   # rewritten after every variant, so an interrupted bench still reports what it measured
  echo "wrote $REPORT"
done

