package io.tributary.training.cli.internal;

import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.train.InstructionPair;
import io.tributary.training.train.TrainingConfig;
import io.tributary.training.train.TrainingData;
import io.tributary.training.train.TrainingResult;
import io.tributary.training.train.TrainingRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code finetune}: trains a LoRA adapter on instruction/response pairs with the base model frozen. */
public final class FinetuneCommand implements Command {

    @Override
    public String name() {
        return "finetune";
    }

    @Override
    public String summary() {
        return "train a LoRA adapter on instruction/response pairs (JSON Lines)";
    }

    @Override
    public Map<String, Boolean> options() {
        return Arguments.options(
                Options.concat(Options.TRAINING, "model=", "data=", "out=", "rank=", "alpha=", "dropout=", "targets="));
    }

    @Override
    public String usage() {
        return String.join(
                        "\n",
                        "Usage: tributary-model finetune --model DIR --data FILE.jsonl --out DIR [options]",
                        "",
                        "Trains a LoRA adapter with the base model frozen; the loss counts response tokens only.",
                        "Each line of the data file is a JSON object with \"instruction\" and \"response\" strings.",
                        "Writes a PEFT adapter directory (adapter_config.json, adapter_model.safetensors).",
                        "",
                        "  --model DIR           base model directory (required)",
                        "  --data FILE           JSON Lines training data (required)",
                        "  --out DIR             adapter output directory (required)",
                        "  --rank N              LoRA rank (default 8)",
                        "  --alpha X             LoRA alpha; the update is scaled by alpha/rank (default 16)",
                        "  --dropout X           dropout on the adapter input (default 0.05)",
                        "  --targets LIST        modules: c_attn (q,k,v), attn.c_proj, c_fc, mlp.c_proj, c_proj (GPT-2); q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj (Llama); default all",
                        "                        (default c_attn,c_proj,c_fc = all)",
                        Options.TRAINING_HELP)
                .formatted(200, 8, "1e-3", 10, "0.1");
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path modelDir = args.existingDirectory("model", true);
        Path dataFile = args.existingFile("data");
        Path outDir = Path.of(args.required("out"));
        AdapterConfig adapterConfig;
        try {
            List<String> targets = args.all("targets");
            adapterConfig = AdapterConfig.of(
                    args.integer("rank", 8),
                    args.number("alpha", 16),
                    args.number("dropout", 0.05),
                    targets.isEmpty() ? AdapterConfig.ALL_PROJECTIONS : targets);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        TrainingConfig training = Options.training(args, 200, 8, 1e-3, 10, 0.1);
        List<InstructionPair> pairs = TrainingData.readInstructions(dataFile);
        try (LanguageModel model = LanguageModel.load(modelDir)) {
            TrainingData data = TrainingData.instructions(
                    model.requireTokenizer(), pairs, model.config().contextLength());
            if (data.isEmpty()) {
                throw new UsageException("--data: no example fits the model's context of "
                        + model.config().contextLength() + " tokens");
            }
            if (args.all("targets").isEmpty()) {
                // Every projection of the base's family: c_attn/c_proj/c_fc for GPT-2, q_proj … down_proj for Llama.
                adapterConfig = AdapterConfig.of(
                        adapterConfig.rank(),
                        adapterConfig.alpha(),
                        adapterConfig.dropout(),
                        model.network().allProjectionTargets());
            }
            try (Adapter adapter = Adapter.create(model, adapterConfig, training.seed())) {
                out.printf(
                        Locale.ROOT,
                        "LoRA rank %d on %s: %d trainable parameters (base: %d, frozen); %d examples%n",
                        adapterConfig.rank(),
                        adapterConfig.targetModules(),
                        adapter.parameterCount(),
                        model.parameterCount(),
                        data.size());
                TrainingResult result = TrainingRun.fineTuning(model, adapter, data, training)
                        .addListener(new ProgressPrinter(out, args.integer("log-every", 10)))
                        .run();
                adapter.save(outDir, modelDir.toString());
                out.printf(
                        Locale.ROOT,
                        "%s after %d steps: training loss %.4f, %s; adapter saved to %s%n",
                        result.status(),
                        result.steps(),
                        result.finalLoss(),
                        ProgressPrinter.validation(result.validationLoss()),
                        outDir);
            }
        }
        return 0;
    }
}
