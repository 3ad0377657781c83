package io.tributary.training.cli.internal;

import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** {@code export}: writes a Hugging Face GPT-2 directory, with an adapter merged into the weights if given. */
public final class ExportCommand implements Command {

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "write a Hugging Face GPT-2 directory, merging a LoRA adapter if given";
    }

    @Override
    public Map<String, Boolean> options() {
        return Arguments.options("model=", "adapter=", "out=");
    }

    @Override
    public String usage() {
        return String.join(
                "\n",
                "Usage: tributary-model export --model DIR [--adapter DIR] --out DIR",
                "",
                "Writes config.json, model.safetensors and tokenizer.json that transformers loads as",
                "GPT2LMHeadModel. With --adapter the LoRA update is merged into the weights.",
                "",
                "  --model DIR    base model directory (required)",
                "  --adapter DIR  PEFT adapter directory to merge",
                "  --out DIR      output directory (required; must differ from --model)");
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path modelDir = args.existingDirectory("model", true);
        Path outDir = Path.of(args.required("out"));
        if (outDir.toAbsolutePath().normalize().equals(modelDir.toAbsolutePath().normalize())) {
            throw new UsageException("--out must differ from --model");
        }
        Path adapterDir = args.existingDirectory("adapter", false);
        try (LanguageModel model = LanguageModel.load(modelDir)) {
            if (adapterDir != null) {
                try (Adapter adapter = Adapter.load(adapterDir, model)) {
                    model.merge(adapter);
                }
            }
            model.save(outDir);
        }
        out.println("exported " + (adapterDir == null ? "" : "merged ") + "model to " + outDir);
        return 0;
    }
}
