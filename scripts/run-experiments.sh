#!/usr/bin/env bash
# Runs every experiment of `experiment list` (the source documents' derivations and claims, each checked) and writes
# results/experiments/NAME.md (+ CSV, + PNG). Exits non-zero when any claim fails.
# Usage: scripts/run-experiments.sh [NAME ...]   (no names = all)
set -euo pipefail
cd "$(dirname "$0")/.."
export CS224N_DATA="${CS224N_DATA:-../shared}"
mvn -B -q package -DskipTests
if [ $# -eq 0 ]; then set -- --all; fi
java -jar target/cs224n-dl4j.jar experiment run "$@" --output results/experiments
