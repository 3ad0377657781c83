#!/usr/bin/env bash
# Measures base models on the held-out modern English text and the fixed prompt list (CompareBases.java), as JSON.
#   model-training/corpus/compare-bases.sh OUT.json name=MODEL_DIR [name=MODEL_DIR ...]
# Run from the repository root after `mvn -q -o -f model-training/pom.xml compile`; one PyTorch thread.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"; shift
cp_file="$(mktemp)"
mvn -q -o -f "$here/../pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime
cp="$here/../target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
java -cp "$cp" -Dai.djl.offline=true -DDJL_CACHE_DIR="$HOME/.djl.ai" -DENGINE_CACHE_DIR="$HOME/.djl.ai" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  "$here/CompareBases.java" --out "$out" "$@" \
  "text:heldoutProse=$here/heldout-prose.txt" "text:heldoutWordnet=$here/heldout-wordnet.txt"
