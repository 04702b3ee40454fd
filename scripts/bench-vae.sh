#!/usr/bin/env bash
# The VAE on the 8x8 digits: trains conf/vae-digits.yaml (K = 8), conf/vae-digits-iaf.yaml (K = 8, 2 IAF steps) and
# conf/vae-digits-2d.yaml (K = 2) into runs/vae-*, each only when its model.zip is missing (a few minutes each on
# 2 cores), scores each on test with `vae eval --samples 1000`, copies the K = 2 model's pictures to results/, and
# writes results/vae-digits.md.
# Usage: scripts/bench-vae.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CS224N_DATA="${CS224N_DATA:-../shared}"
JAR=runs/bench-vae.jar
mkdir -p runs results
cp target/cs224n-dl4j.jar "$JAR"   # the build under test, safe from a rebuild while this runs
run() { java -Xmx2g -jar "$JAR" "$@"; }

for m in plain iaf 2d; do
  conf=conf/vae-digits.yaml
  [ "$m" = iaf ] && conf=conf/vae-digits-iaf.yaml
  [ "$m" = 2d ] && conf=conf/vae-digits-2d.yaml
  if [ ! -f "runs/vae-$m/model.zip" ]; then
    run vae train --config "$conf" --output "runs/vae-$m" --no-progress > "runs/vae-$m.log" 2>&1
  fi
done
for p in latent samples reconstructions; do cp "runs/vae-2d/$p.png" "results/vae-2d-$p.png"; done

REPORT=results/vae-digits.md
{
  echo "# VAE on the 8x8 digits: measured figures"
  echo
  echo "Report written $(date -u +%Y-%m-%d) by \`scripts/bench-vae.sh\` at commit $(git rev-parse --short=12 HEAD)$(git diff --quiet || echo -dirty)."
  echo "Machine: $(hostname), $(nproc) cores, $(uname -sm), $(java -version 2>&1 | head -1)."
  echo
  echo "Binary 8x8 digits, 1,200 train / 297 validation / 300 test images (seeded shuffle). Bounds in nats per image."
  for m in plain iaf 2d; do
    conf=conf/vae-digits.yaml
    [ "$m" = iaf ] && conf=conf/vae-digits-iaf.yaml
    [ "$m" = 2d ] && conf=conf/vae-digits-2d.yaml
    echo
    echo "## \`vae train --config $conf\` (\`runs/vae-$m\`)"
    echo
    echo "run.json: $(python3 -c "import json;r=json.load(open('runs/vae-$m/run.json'));print(', '.join(f'{k} {r[k]}' for k in ['parameters','best_epoch','epochs','train_seconds'] if k in r))")"
    echo
    echo "Last epochs and the final report of the training log; then \`vae eval --samples 1000\` on test and on validation:"
    echo '```'
    grep -v '^resuming\|^note:' "runs/vae-$m.log" | tail -8 || true
    run vae eval --model "runs/vae-$m/model.zip" --samples 1000 --split test
    run vae eval --model "runs/vae-$m/model.zip" --samples 1000 --split valid
    echo '```'
  done
  echo
  echo "Pictures of the K = 2 model: ![latent](vae-2d-latent.png) ![samples](vae-2d-samples.png) ![reconstructions](vae-2d-reconstructions.png)"
} > "$REPORT.tmp"
mv "$REPORT.tmp" "$REPORT"
echo "wrote $REPORT"
