#!/usr/bin/env bash
# Compares greedy decodings of the shipped base (plain, OpenAI's penalties, Hugging Face's repetition penalty and
# n-gram rule): base continuations of the fixed prompts and the demo instruction adapter's scores, as JSON.
#   model-training/corpus/compare-decodings.sh OUT.json ADAPTER_DIR [MODEL_DIR]
# ADAPTER_DIR: the adapter measure-instructions.sh trains (WORK_DIR/adapter). Run from the repository root after
# `mvn -q -o -f model-training/pom.xml compile`; one PyTorch thread.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
adapter="$2"
model="${3:-$here/../base-model}"
cp_file="$(mktemp)"
mvn -q -o -f "$here/../pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime
cp="$here/../target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
java -cp "$cp" -Dai.djl.offline=true -DDJL_CACHE_DIR="$HOME/.djl.ai" -DENGINE_CACHE_DIR="$HOME/.djl.ai" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  "$here/CompareDecodings.java" "$out" "$model" "$adapter" "$here/instructions"
