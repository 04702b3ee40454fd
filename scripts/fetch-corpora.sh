#!/usr/bin/env bash
# Downloads UD English EWT (CC BY-SA 4.0) from its public GitHub repository into corpora/ud-english-ewt/,
# where the default config finds it. For users with internet; nothing downloaded is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
TAG="${UD_EWT_TAG:-r2.15}"
DEST=corpora/ud-english-ewt
BASE="https://raw.githubusercontent.com/UniversalDependencies/UD_English-EWT/${TAG}"
mkdir -p "$DEST"
for split in train dev test; do
  f="en_ewt-ud-${split}.conllu"
  echo "fetching $f ($TAG)"
  curl -fsSL "$BASE/$f" -o "$DEST/$f.part"
  mv "$DEST/$f.part" "$DEST/$f"
done
curl -fsSL "$BASE/LICENSE.txt" -o "$DEST/LICENSE.txt" || true
echo "UD English EWT $TAG is in $DEST"
