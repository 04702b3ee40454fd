#!/usr/bin/env bash
# Load and fault test of `serve`; writes results/serve.md.
#  - starts `serve` on 127.0.0.1 (a free port) with PARSER_MODEL (default runs/parser-ewt/model.zip, `parser train
#    --config conf/parser-ewt.yaml`), --threads 2;
#  - the expected answers: `parser parse` on the whole of EWT test;
#  - drives it with the bounded Java client of the test sources (edu.cs224n.serve.LoadGenerator): requests of 8
#    consecutive EWT test sentences of CoNLL-U, at 1, 4 and 16 concurrent clients for LOAD_SECONDS (60) each, every
#    answer compared with parser parse's; then a mixed run (16 clients) in which 10% of the requests are malformed;
#  - /health after the mixed run, the server's resident memory after a warm-up run and after everything;
#  - stops it with SIGTERM and checks the exit code.
# Usage: scripts/load-test.sh   (about 7 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
export CS224N_DATA="${CS224N_DATA:-../shared}"
OUT="${LOAD_OUT:-runs/load-test}"
MODEL="${PARSER_MODEL:-runs/parser-ewt/model.zip}"
SECS="${LOAD_SECONDS:-60}"
MAX_BODY=1048576
# The heap is committed and touched up front (as servers are usually run): otherwise the resident size keeps rising for a
# minute or more after the warm-up while the collector first writes to heap pages it committed earlier, with the live
# heap flat, which would hide a real leak in noise.
SERVER_JVM="-Xms2g -Xmx2g -XX:+AlwaysPreTouch"
TEST="$CS224N_DATA/corpora/ud-english-ewt/en_ewt-ud-test.conllu"
REPORT=results/serve.md
mkdir -p "$OUT" results
[ -f "$MODEL" ] || { echo "no model at $MODEL: train one (parser train --config conf/parser-ewt.yaml) or set PARSER_MODEL"; exit 1; }
[ -n "${LOAD_NO_BUILD:-}" ] || mvn -B -q package -DskipTests
cp target/cs224n-dl4j.jar "$OUT/serve.jar"
git rev-parse --short=12 HEAD > "$OUT/commit"
git diff --quiet HEAD -- src pom.xml || echo "(with uncommitted changes)" >> "$OUT/commit"
CP="target/test-classes:$OUT/serve.jar"

java -jar "$OUT/serve.jar" parser parse --model "$MODEL" --input "$TEST" --output "$OUT/expected.conllu" --threads 2

java $SERVER_JVM -jar "$OUT/serve.jar" serve --model "$MODEL" --port 0 --threads 2 --max-body-bytes "$MAX_BODY" > "$OUT/server.log" 2> "$OUT/server.err" &
PID=$!
trap 'kill -9 $PID 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q '^ready:' "$OUT/server.log" 2>/dev/null && break; kill -0 $PID 2>/dev/null || break; sleep 0.1; done
PORT=$(sed -n 's/^ready: .* on http:\/\/127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$OUT/server.log")
[ -n "$PORT" ] || { echo "the server did not start:"; cat "$OUT/server.log" "$OUT/server.err"; exit 1; }
URL="http://127.0.0.1:$PORT/parse"
rss() { awk '/VmRSS/{print $2}' "/proc/$PID/status"; }
# The heap still in use after a full collection (jcmd GC.run, then GC.heap_info's "used"), in KiB: what a leak would grow.
live() { jcmd "$PID" GC.run > /dev/null; sleep 1; jcmd "$PID" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1; }

gen() { java -cp "$CP" edu.cs224n.serve.LoadGenerator "$URL" "$TEST" "$OUT/expected.conllu" "$1" "$2" "$3" 8 "$4" "$MAX_BODY"; }
echo "== warm-up (16 clients, 30 s)"
gen 16 30 1000000 0 > "$OUT/warmup.json"
LIVE_WARM=$(live)
RSS_WARM=$(rss)
for c in 1 4 16; do
  echo "== $c client(s), $SECS s"
  gen "$c" "$SECS" 10000000 0 | tee "$OUT/load-$c.json"
done
echo "== mixed: 16 clients, 10% malformed, $SECS s"
gen 16 "$SECS" 10000000 0.1 | tee "$OUT/mixed.json"
curl -s -o "$OUT/health.json" -w '%{http_code}' "http://127.0.0.1:$PORT/health" > "$OUT/health.code"
curl -s "http://127.0.0.1:$PORT/metrics" > "$OUT/metrics.json"
LIVE_END=$(live)
RSS_END=$(rss)
kill -TERM $PID
wait $PID && echo 0 > "$OUT/exit.code" || echo $? > "$OUT/exit.code"
trap - EXIT

j() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }
{
  echo "# \`serve\` under load"
  echo
  echo "Written by \`scripts/load-test.sh\` on $(date -u +%Y-%m-%d), commit \`$(tr '\n' ' ' < "$OUT/commit" | sed 's/ $//')\`."
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)."
  echo "Server: \`serve --model $MODEL --threads 2 --max-body-bytes $MAX_BODY\` (queue 64, timeout 30 s) on 127.0.0.1, JVM options \`$SERVER_JVM\`;"
  echo "clients: the bounded Java load generator of the test sources (\`edu.cs224n.serve.LoadGenerator\`, java.net.http) on the same"
  echo "2-core machine, so the clients take CPU from the server. Each request is 8 consecutive EWT test sentences of CoNLL-U with their"
  echo "gold tags; every 200 answer is compared byte for byte with the same sentences of \`parser parse\` on the whole test file."
  echo
  echo "| clients | seconds | requests | sentences/s (correct answers) | p50 ms | p95 ms | p99 ms | wrong answers | statuses |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for c in 1 4 16; do
    f="$OUT/load-$c.json"
    printf '| %s | %.0f | %s | %.0f | %.1f | %.1f | %.1f | %s | %s |\n' "$c" "$(j "$f" "d['seconds']")" "$(j "$f" "d['requests']")" \
      "$(j "$f" "d['sentences_per_second']")" "$(j "$f" "d['latency_ms']['p50']")" "$(j "$f" "d['latency_ms']['p95']")" \
      "$(j "$f" "d['latency_ms']['p99']")" "$(j "$f" "d['wrong_answers']")" "$(j "$f" "', '.join(k+': '+str(v) for k,v in d['responses_by_status'].items())")"
  done
  echo
  f="$OUT/mixed.json"
  echo "## Mixed run: 16 clients, 10% malformed requests, $(j "$f" "round(d['seconds'])") s"
  echo
  echo "- Requests: $(j "$f" "d['requests']"); statuses: $(j "$f" "', '.join(k+': '+str(v) for k,v in d['responses_by_status'].items())")."
  echo "- Malformed requests by kind and the status they got: $(j "$f" "', '.join(k+' ('+str(v)+')' for k,v in d['malformed_by_kind'].items())");"
  echo "  malformed requests answered other than 4xx: $(j "$f" "d['malformed_without_4xx']"); connection failures: $(j "$f" "d['connection_failures']")."
  echo "- Well-formed requests: $(j "$f" "d['correct_sentences']") sentences answered correctly, $(j "$f" "d['wrong_answers']") wrong answers"
  echo "  ($(j "$f" "round(d['sentences_per_second'])") sentences/s; p50 $(j "$f" "d['latency_ms']['p50']") ms, p99 $(j "$f" "d['latency_ms']['p99']") ms)."
  echo "- \`GET /health\` afterwards: HTTP $(cat "$OUT/health.code"), \`$(tr -d '\n' < "$OUT/health.json")\`."
  echo "- The server's /metrics at the end: $(j "$OUT/metrics.json" "str(d['requests'])+' requests, '+str(d['errors'])+' errors, '+str(d['sentences_parsed'])+' sentences parsed, latency p50/p95/p99 '+str(d['latency_ms']['p50'])+'/'+str(d['latency_ms']['p95'])+'/'+str(d['latency_ms']['p99'])+' ms'")."
  echo
  echo "## Memory"
  echo
  echo "After a 30-s warm-up at 16 clients, and again after the three load runs and the mixed run (about 4 minutes, $(j "$OUT/metrics.json" "d['requests']") requests):"
  echo
  echo "| | after warm-up | after the runs | change |"
  echo "|---|---:|---:|---:|"
  echo "| heap in use after a full collection (\`jcmd GC.run\`, \`GC.heap_info\`) | $((LIVE_WARM / 1024)) MiB | $((LIVE_END / 1024)) MiB | $(awk -v a="$LIVE_WARM" -v b="$LIVE_END" 'BEGIN{printf "%+.1f%%", 100*(b-a)/a}') |"
  echo "| resident memory of the process (VmRSS) | $((RSS_WARM / 1024)) MiB | $((RSS_END / 1024)) MiB | $(awk -v a="$RSS_WARM" -v b="$RSS_END" 'BEGIN{printf "%+.1f%%", 100*(b-a)/a}') |"
  echo
  echo "The heap after a full collection is what a leak of Java objects would grow; the resident size is what a native leak"
  echo "would grow. The whole heap is committed and touched at start (\`$SERVER_JVM\`), so the resident size does not also"
  echo "move with the collector first writing to heap pages it had committed but not touched (without those options it rose"
  echo "for a minute or more after the warm-up, with the live and committed heap flat)."
  echo
  echo "SIGTERM at the end: the server exited with code $(cat "$OUT/exit.code"); its last lines: \`$(tail -2 "$OUT/server.log" | tr '\n' ' ' | sed 's/ $//')\`."
} > "$REPORT.tmp"
mv "$REPORT.tmp" "$REPORT"
echo "wrote $REPORT"
