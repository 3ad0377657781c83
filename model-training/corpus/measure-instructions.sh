#!/usr/bin/env bash
# Fine-tunes the demo LoRA adapter on corpus/instructions/train.jsonl and scores base vs adapter (greedy, exact match
# and token F1) on the held-out questions and on the paraphrases of training questions, as JSON.
#   model-training/corpus/measure-instructions.sh OUT.json [MODEL_DIR] [WORK_DIR]
# Run from the repository root after `mvn -q -o -f model-training/pom.xml compile`; one PyTorch thread.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
model="${2:-$here/../base-model}"
work="${3:-$(mktemp -d)}"
data="$here/instructions"
cp_file="$(mktemp)"
mvn -q -o -f "$here/../pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime
cp="$here/../target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
tm() {
  java -cp "$cp" -Dai.djl.offline=true -DDJL_CACHE_DIR="$HOME/.djl.ai" -DENGINE_CACHE_DIR="$HOME/.djl.ai" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dai.djl.pytorch.num_threads=1 \
    -Dai.djl.pytorch.num_interop_threads=1 io.tributary.training.cli.TributaryModel "$@"
}
# The demo's settings: LoRA rank 8 on every projection, 400 steps of 16 examples (about 1.5 passes).
FINETUNE="--steps 400 --batch 16 --lr 2e-3 --warmup 20 --val-fraction 0 --seed 42 --log-every 50"
start=$(date +%s)
tm finetune --model "$model" --data "$data/train.jsonl" --out "$work/adapter" $FINETUNE | tee "$work/finetune.log"
echo $(( $(date +%s) - start )) > "$work/finetune.seconds"
for set in heldout paraphrases; do
  tm eval --model "$model" --qa "$data/$set.jsonl" --max-new-tokens 48 > "$work/$set-base.json"
  tm eval --model "$model" --adapter "$work/adapter" --qa "$data/$set.jsonl" --max-new-tokens 48 > "$work/$set-adapter.json"
done
python3 "$here/instruction_report.py" "$work" "$data" "$model" "$FINETUNE" > "$out"
echo "wrote $out"
