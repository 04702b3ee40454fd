#!/usr/bin/env bash
# Parser speed, measured side by side on this machine; writes results/parser-speed.md.
#  1. training throughput (parser bench-train) of the fused and the plain DL4J graph and of the same architecture in
#     PyTorch (scripts/torch_parser_bench.py), at 1 and 2 threads, for the default EWT model and the CS224n one;
#  2. a full default training run: time to reach dev UAS 87, peak memory;
#  3. parsing speed of that model (parser bench) at 1 and 2 threads, with and without start-up, and the plain graph;
#  4. files end to end, timed from outside as a user runs them: `parser parse --input F --output G` on 40,020 sentences
#     (EWT dev 20 times) and on one sentence (the start-up), pinned with taskset to one core and to two.
# PyTorch: Debian's python3-torch with libopenblas0-pthread (apt-get install python3-torch libopenblas0-pthread);
# skipped with a message when absent. Its thread count is set with torch.set_num_threads AND OPENBLAS_NUM_THREADS /
# OMP_NUM_THREADS: torch.set_num_threads(1) alone leaves OpenBLAS using every core.
# Usage: scripts/bench-parser-speed.sh [--report | --files]   (about 30 minutes on 2 cores; BENCH_SECONDS=30 per throughput run)
#   --files: part 4 alone, on PARSER_MODEL (default: part 2's model), its section of the report rewritten in place;
#            BASELINE_JAR=jar also times that build on the same files and checks that both outputs are byte-identical
#            (BASELINE_LABEL names it in the report); --files-report rewrites that section from the last --files logs.
set -euo pipefail
cd "$(dirname "$0")/.."
export CS224N_DATA="${CS224N_DATA:-../shared}"
OUT="${BENCH_OUT:-runs/bench-speed}"
SECS="${BENCH_SECONDS:-30}"
REPORT=results/parser-speed.md
DEV="$CS224N_DATA/corpora/ud-english-ewt/en_ewt-ud-dev.conllu"
PY=/usr/bin/python3
mkdir -p "$OUT" results

declare -A ARCH=(
  [default]=""
  [cs224n]="--set tags=[xpos] --set labelled=false --set hidden=200 --set min_word_count=1"
)

# The first KEY=number in a log (a parse log's later line repeats sentences_per_second for the start-up figure).
val() { sed -n "s/.*\b$2=\([0-9.]*\).*/\1/p" "$1" 2>/dev/null | head -1; }

measure() {
  [ -n "${BENCH_NO_BUILD:-}" ] || mvn -B -q package -DskipTests
  # A copy, so a rebuild during the benchmark cannot change the running jar.
  cp target/cs224n-dl4j.jar "$OUT/bench.jar"
  local jar="$OUT/bench.jar"
  git rev-parse --short=12 HEAD > "$OUT/commit"
  git diff --quiet HEAD -- src pom.xml conf || echo "(with uncommitted changes)" >> "$OUT/commit"
  local torch=yes
  if ! "$PY" -c "import torch" 2>/dev/null; then
    torch=""
    echo "PyTorch not found ($PY -c 'import torch' failed): install python3-torch libopenblas0-pthread for the side-by-side runs" | tee "$OUT/torch-missing"
  else
    rm -f "$OUT/torch-missing"
  fi
  for arch in default cs224n; do
    for t in 1 2; do
      for net in fused plain; do
        echo "== train $arch $net $t thread(s)"
        # shellcheck disable=SC2086
        java -jar "$jar" parser bench-train --config conf/parser-ewt.yaml ${ARCH[$arch]} --set network=$net --set batch_size=2048 \
          --threads "$t" --seconds "$SECS" > "$OUT/train-$arch-$net-$t.log" 2>&1
        tail -1 "$OUT/train-$arch-$net-$t.log"
      done
      if [ -n "$torch" ]; then
        local log="$OUT/train-$arch-fused-$t.log"
        local tables classes hidden
        tables=$(sed -n 's/.*tables=\([^ ]*\).*/\1/p' "$log")
        classes=$(val "$log" classes)
        hidden=$(val "$log" hidden)
        echo "== train $arch torch $t thread(s)"
        OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t "$PY" scripts/torch_parser_bench.py --tables "$tables" --classes "$classes" \
          --hidden "$hidden" --batch-size 2048 --threads "$t" --seconds "$SECS" > "$OUT/train-$arch-torch-$t.log" 2>&1
        tail -2 "$OUT/train-$arch-torch-$t.log"
      fi
    done
  done
  echo "== full training run (conf/parser-ewt.yaml)"
  rm -rf "$OUT/ewt"
  /usr/bin/time -v java -jar "$jar" parser train --config conf/parser-ewt.yaml --output "$OUT/ewt" --no-progress \
    > "$OUT/ewt.log" 2> "$OUT/ewt.time"
  tail -2 "$OUT/ewt.log"
  for t in 1 2; do
    echo "== parse $t thread(s)"
    /usr/bin/time -v java -jar "$jar" parser bench --model "$OUT/ewt/model.zip" --data "$DEV" --threads "$t" --repeat 7 \
      > "$OUT/parse-$t.log" 2> "$OUT/parse-$t.time"
    cat "$OUT/parse-$t.log"
  done
  echo "== parse with the plain ComputationGraph, 1 thread"
  java -jar "$jar" parser bench --model "$OUT/ewt/model.zip" --data "$DEV" --threads 1 --repeat 3 --graph > "$OUT/parse-graph.log" 2>&1
  cat "$OUT/parse-graph.log"
}

# Part 4: files from outside. One core: taskset -c 0 and --threads 1; two: taskset -c 0,1 and --threads 2. Each figure is
# the median of FILE_RUNS runs; sentences/s = 40,020 / (40k-sentence wall - one-sentence wall), i.e. start-up subtracted.
FILE_RUNS="${FILE_RUNS:-5}"
files() {
  local model="${PARSER_MODEL:-$OUT/ewt/model.zip}" jar="$OUT/bench.jar"
  [ -f "$model" ] || { echo "no model at $model: run the whole script, or set PARSER_MODEL"; exit 1; }
  if [ -n "${BENCH_NO_BUILD:-}" ] && [ -f "$jar" ]; then :; else
    mvn -B -q package -DskipTests
    cp target/cs224n-dl4j.jar "$jar"
    git rev-parse --short=12 HEAD > "$OUT/files-commit"
    git diff --quiet HEAD -- src pom.xml conf || echo "(with uncommitted changes)" >> "$OUT/files-commit"
  fi
  local big="$OUT/dev-x20.conllu" one="$OUT/one.conllu"
  for _ in $(seq 20); do cat "$DEV"; done > "$big"
  awk 'BEGIN{RS="";ORS="\n\n"} NR==1' "$DEV" > "$one"
  echo "$model" > "$OUT/files-model"
  rm -f "$OUT"/files-*.times
  # The builds take turns run by run, so a machine that speeds up or slows down during the benchmark (this one does, by
  # up to a third) moves both alike.
  local names="current" name j cores r f
  [ -n "${BASELINE_JAR:-}" ] && names="current baseline"
  for cores in 1 2; do
    local cpus=0; [ "$cores" = 2 ] && cpus=0,1
    for r in $(seq "$FILE_RUNS"); do
      for name in $names; do
        j="$jar"; [ "$name" = baseline ] && j="$BASELINE_JAR"
        for f in one big; do
          local in="$one"; [ "$f" = big ] && in="$big"
          /usr/bin/time -f "%e %M" -o "$OUT/files-last.time" env OMP_NUM_THREADS="$cores" OPENBLAS_NUM_THREADS="$cores" \
            taskset -c "$cpus" java -jar "$j" parser parse --model "$model" --input "$in" --output "$OUT/files-$name-$f.conllu" --threads "$cores" \
            2> "$OUT/files-$name.err"
          echo "$f $(cat "$OUT/files-last.time")" >> "$OUT/files-$name-$cores.times"
        done
      done
    done
    for name in $names; do
      echo "== $name, $cores core(s): $(awk '$1=="big"{print $2}' "$OUT/files-$name-$cores.times" | sort -n | tr '\n' ' ')s for 40k; $(awk '$1=="one"{print $2}' "$OUT/files-$name-$cores.times" | sort -n | tr '\n' ' ')s for one sentence"
    done
  done
  for name in $names; do
    j="$jar"; [ "$name" = baseline ] && j="$BASELINE_JAR"
    OMP_NUM_THREADS=1 taskset -c 0 java -jar "$j" parser bench --model "$model" --data "$DEV" --threads 1 > "$OUT/files-$name-inprocess.log" 2>&1
  done
  if [ -n "${BASELINE_JAR:-}" ]; then
    if cmp -s "$OUT/files-current-big.conllu" "$OUT/files-baseline-big.conllu"; then echo same > "$OUT/files-identical"; else echo DIFFERENT > "$OUT/files-identical"; fi
  else
    rm -f "$OUT/files-identical"
  fi
}

# The median of the FIELD-th column of the runs of kind KIND in a .times file.
median() { awk -v k="$2" -v c="$3" '$1==k{print $c}' "$1" | sort -n | awk '{a[NR]=$1} END{if(NR) print a[int((NR+1)/2)]}'; }

files_section() {
  echo "<!-- files: written by scripts/bench-parser-speed.sh --files -->"
  echo "## Files end to end, timed from outside"
  echo
  echo "Commit \`$(tr '\n' ' ' < "$OUT/files-commit" | sed 's/ $//')\`, $(date -u +%Y-%m-%d); model \`$(cat "$OUT/files-model")\`."
  echo "\`parser parse --model MODEL --input F --output G --threads N\` under \`taskset -c 0\` (1 core) or \`taskset -c 0,1\` (2 cores), with"
  echo "OMP_NUM_THREADS=N: F = EWT dev 20 times (40,020 sentences, 503k tokens, 36 MB) or its first sentence. Median of $FILE_RUNS runs each,"
  echo "the builds taking turns run by run;"
  echo "start-up = the one-sentence run (JVM start, model load, the sentence parsed and written, exit); sentences/s = 40,020 / (40k run - start-up)."
  echo
  echo "| build | cores | 40k wall s | start-up s | sentences/s, start-up subtracted | peak memory GiB (40k) | in-process \`parser bench\`, 1 thread |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  local name cores
  for name in baseline current; do
    for cores in 1 2; do
      local t="$OUT/files-$name-$cores.times"
      [ -f "$t" ] || continue
      local big one
      big=$(median "$t" big 2); one=$(median "$t" one 2)
      printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$( [ "$name" = baseline ] && echo "before: ${BASELINE_LABEL:-BASELINE_JAR}" || echo "this commit")" "$cores" "$big" "$one" \
        "$(awk -v b="$big" -v o="$one" 'BEGIN{printf "%.0f", 40020/(b-o)}')" "$(awk -v m="$(median "$t" big 3)" 'BEGIN{printf "%.2f", m/1048576}')" \
        "$( [ "$cores" = 1 ] && val "$OUT/files-$name-inprocess.log" sentences_per_second || echo -)"
    done
  done
  echo
  if [ -f "$OUT/files-identical" ]; then
    echo "Outputs of the two builds on the 40k file: $(cat "$OUT/files-identical") (cmp, byte for byte)."
    echo
  fi
  echo "<!-- /files -->"
}

peak() { awk -F': ' '/Maximum resident set size/{printf "%.2f", $2/1048576}' "$1" 2>/dev/null; }

report() {
  local commit
  commit=$(cat "$OUT/commit" 2>/dev/null | tr '\n' ' ')
  {
    echo "# Parser speed"
    echo
    echo "Written by \`scripts/bench-parser-speed.sh\` on $(date -u +%Y-%m-%d), commit \`${commit% }\`."
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1); ND4J 1.0.0-M2.1 (its bundled OpenBLAS)."
    if [ -f "$OUT/torch-missing" ]; then
      echo "PyTorch: not installed on this run, so no PyTorch columns."
    else
      echo "PyTorch: $(sed -n 's/.*torch=\([^ ]*\).*/\1/p' "$OUT/train-default-torch-1.log") (Debian python3-torch, OpenBLAS $(dpkg-query -W -f='${Version}' libopenblas0-pthread 2>/dev/null || echo '?'))."
    fi
    echo
    echo "## Training throughput (examples/s, minibatch 2048, ${SECS} s after 5 warm-up steps, same machine, one run after another)"
    echo
    echo "\`parser bench-train --config conf/parser-ewt.yaml [arch overrides] --set network=fused|plain --set batch_size=2048 --threads N --seconds ${SECS}\`;"
    echo "PyTorch: \`scripts/torch_parser_bench.py\` with the same tables, widths, hidden size, classes, dropout and Adam."
    echo
    echo "| architecture | threads | DL4J fused (ours) | DL4J plain graph | PyTorch | fused / PyTorch | fused / plain |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for arch in default cs224n; do
      for t in 1 2; do
        local f p q
        f=$(val "$OUT/train-$arch-fused-$t.log" train_examples_per_second)
        p=$(val "$OUT/train-$arch-plain-$t.log" train_examples_per_second)
        q=$(val "$OUT/train-$arch-torch-$t.log" train_examples_per_second)
        local desc
        desc=$(sed -n 's/^network=fused threads=[0-9]* batch_size=[0-9]* \(hidden=[0-9]* features=[0-9]* parameters=[0-9]*\).*/\1/p' "$OUT/train-$arch-fused-$t.log" | tr ' ' ',')
        printf '| %s (%s) | %s | %s | %s | %s | %s | %s |\n' "$arch" "$desc" "$t" "${f:-?}" "${p:-?}" "${q:--}" \
          "$( [ -n "$q" ] && [ -n "$f" ] && awk -v a="$f" -v b="$q" 'BEGIN{printf "%.2f", a/b}' || echo -)" \
          "$( [ -n "$p" ] && [ -n "$f" ] && awk -v a="$f" -v b="$p" 'BEGIN{printf "%.2f", a/b}' || echo -)"
      done
    done
    echo
    echo "default = conf/parser-ewt.yaml (words + UPOS + XPOS + labels, 66 features, hidden 400, 103 classes);"
    echo "cs224n = the assignment's model (words + XPOS, unlabelled, 36 features, hidden 200, 3 classes)."
    echo
    echo "## Full training run (conf/parser-ewt.yaml: minibatch 1024, 2 threads, 12 epochs)"
    echo
    if [ -f "$OUT/ewt/metrics.csv" ]; then
      awk -F, 'NR>1{t+=$8+$9; if(!done && $3>=87){printf "- Dev UAS first reached 87 after epoch %d: %.0f s of training and evaluation (dev UAS %.2f).\n", $1, t, $3; done=1}}
               END{if(!done) print "- Dev UAS did not reach 87 in this run."}' "$OUT/ewt/metrics.csv"
      echo "- Dev UAS by epoch: $(awk -F, 'NR>1{printf "%s%.2f", (NR>2?", ":""), $3}' "$OUT/ewt/metrics.csv")."
      echo "- Mean training throughput over the epochs: $(awk -F, 'NR>1{s+=$7;n++} END{printf "%d", s/n}' "$OUT/ewt/metrics.csv") examples/s."
      echo "- Whole run (reading the treebanks, oracle, 12 epochs, final dev/test parse): $(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$OUT/ewt.time") wall, peak memory $(peak "$OUT/ewt.time") GiB (max RSS)."
      echo "- Best model: $(grep '^dev:' "$OUT/ewt.log" | tail -1); $(grep '^test:' "$OUT/ewt.log" | tail -1)."
    fi
    echo
    echo "## Parsing speed (EWT dev, $(val "$OUT/parse-1.log" sentences) sentences, $(val "$OUT/parse-1.log" tokens) tokens; the model above)"
    echo
    echo "\`parser bench --model MODEL --data en_ewt-ud-dev.conllu --threads N\`: median of 7 timed parses after 3 warm-ups, inside the"
    echo "process (model loading and pre-computation excluded and listed); 'with start-up' counts from JVM start to the end of the first parse."
    echo
    echo "| path | threads | sentences/s | tokens/s | transitions/s | model load s | pre-computation s | with start-up: s, sentences/s | peak memory GiB |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|---:|"
    for t in 1 2; do
      local l="$OUT/parse-$t.log"
      printf '| pre-computed | %s | %s | %s | %s | %s | %s | %s, %s | %s |\n' "$t" "$(val "$l" sentences_per_second)" "$(val "$l" tokens_per_second)" \
        "$(val "$l" transitions_per_second)" "$(val "$l" model_load_seconds)" "$(val "$l" precompute_seconds)" \
        "$(sed -n 's/^including_startup: seconds=\([0-9.]*\).*/\1/p' "$l")" "$(sed -n 's/^including_startup: .* sentences_per_second=\([0-9]*\).*/\1/p' "$l")" "$(peak "$OUT/parse-$t.time")"
    done
    local g="$OUT/parse-graph.log"
    printf '| plain ComputationGraph | 1 | %s | %s | %s | %s | - | %s, %s | - |\n' "$(val "$g" sentences_per_second)" "$(val "$g" tokens_per_second)" \
      "$(val "$g" transitions_per_second)" "$(val "$g" model_load_seconds)" \
      "$(sed -n 's/^including_startup: seconds=\([0-9.]*\).*/\1/p' "$g")" "$(sed -n 's/^including_startup: .* sentences_per_second=\([0-9]*\).*/\1/p' "$g")"
    echo
    if [ ! -f "$OUT/torch-missing" ]; then
      echo "PyTorch, the same heads' forward pass alone (eval mode, no_grad, batch 2048; no parser bookkeeping), examples/s:"
      for arch in default cs224n; do
        echo "$arch $(val "$OUT/train-$arch-torch-1.log" inference_examples_per_second) (1 thread), $(val "$OUT/train-$arch-torch-2.log" inference_examples_per_second) (2 threads);"
      done
      echo "a PyTorch parser can score at most that many configurations per second (one per transition)."
      echo
    fi
    echo "For reference on this machine, 1 thread (quoted from the issue, not measured here): the CS224n PyTorch parser 1,322 sentences/s,"
    echo "CoreNLP nndep 1,437; Chen & Manning (2014) reported 654-1,013 on 2014 hardware."
    echo
    [ -f "$OUT/files-commit" ] && files_section
  } > "$REPORT.tmp"
  mv "$REPORT.tmp" "$REPORT"
  echo "wrote $REPORT"
}

if [ "${1:-}" = --files ] || [ "${1:-}" = --files-report ]; then
  # Part 4 alone: its section of the report is replaced (or appended), the rest kept as it was.
  [ "$1" = --files-report ] || files
  files_section > "$OUT/files-section.md"
  if grep -q '^<!-- files:' "$REPORT" 2>/dev/null; then
    awk -v f="$OUT/files-section.md" '/^<!-- files:/{while((getline l < f)>0) print l; skip=1; next} /^<!-- \/files -->/{skip=0; next} !skip' "$REPORT" > "$REPORT.tmp"
  else
    { cat "$REPORT"; echo; cat "$OUT/files-section.md"; } > "$REPORT.tmp"
  fi
  mv "$REPORT.tmp" "$REPORT"
  echo "wrote $REPORT (files section)"
  exit 0
fi
[ "${1:-}" = --report ] || { measure; files; }
report
