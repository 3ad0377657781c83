package io.tributary.training.cli.internal;

import io.tributary.training.generate.Generation;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.GenerationDefaults;
import io.tributary.training.generate.Generator;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.train.InstructionPair;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code generate}: continues a prompt, streaming tokens to standard output. */
public final class GenerateCommand implements Command {

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "continue a prompt with a model (and optionally a LoRA adapter)";
    }

    @Override
    public Map<String, Boolean> options() {
        return Arguments.options(
                "model=",
                "adapter=",
                "prompt=",
                "max-new-tokens=",
                "temperature=",
                "top-k=",
                "top-p=",
                "frequency-penalty=",
                "presence-penalty=",
                "repetition-penalty=",
                "no-repeat-ngram-size=",
                "seed=",
                "stop=",
                "no-cache",
                "no-prompt",
                "as-instruction");
    }

    @Override
    public String usage() {
        return String.join(
                "\n",
                "Usage: tributary-model generate --model DIR --prompt TEXT [options]",
                "",
                "  --model DIR           Hugging Face GPT-2 directory with tokenizer.json (required)",
                "  --adapter DIR         PEFT LoRA adapter directory",
                "  --prompt TEXT         text to continue (required)",
                "  --max-new-tokens N    tokens to generate at most (default 100)",
                "  --temperature X       0 = greedy (default 0)",
                "  --top-k N             sample among the k most likely tokens (default: all)",
                "  --top-p X             nucleus sampling threshold (default 1)",
                "  --seed N              sampling seed (default: a fresh one, printed at the end)",
                "  --stop TEXT           stop sequence; may be repeated",
                "  --frequency-penalty F lower a token's logit by F per earlier use (-2 to 2; default 0)",
                "  --presence-penalty P  lower the logit of every token already used by P (-2 to 2; default 0)",
                "  --repetition-penalty R  divide the positive logits of the prompt's and answer's tokens by R and",
                "                        multiply their negative ones (Hugging Face's; 1 = none, the default)",
                "  --no-repeat-ngram-size N  never repeat an N-token sequence of the prompt or answer (0 = off)",
                "  --no-cache            recompute attention each step instead of using the KV cache",
                "  --no-prompt           print only the generated text",
                "  --as-instruction      wrap the prompt in the fine-tuning instruction template and stop",
                "                        at the end of the response (for instruction adapters)",
                "",
                "Temperature, top-k, top-p, the penalties and the n-gram size not given come from the model's",
                "generation_config.json when it has one (the shipped base does), else from the defaults above.");
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path modelDir = args.existingDirectory("model", true);
        boolean instruction = args.flag("as-instruction");
        String prompt = instruction ? InstructionPair.prompt(args.required("prompt")) : args.required("prompt");
        List<String> stops = new ArrayList<>(args.raw("stop"));
        if (instruction) {
            stops.addAll(List.of("\n\n", "###"));
        }
        GenerationConfig config;
        try {
            // The model's recommended decoding (generation_config.json), then what the command line chooses.
            GenerationConfig.Builder builder = GenerationDefaults.of(modelDir);
            if (args.has("seed")) builder.seed(args.longValue("seed", 0));
            if (args.has("temperature")) builder.temperature(args.number("temperature", 0));
            if (args.has("top-k")) builder.topK(args.integer("top-k", 0));
            if (args.has("top-p")) builder.topP(args.number("top-p", 1));
            if (args.has("frequency-penalty")) builder.frequencyPenalty(args.number("frequency-penalty", 0));
            if (args.has("presence-penalty")) builder.presencePenalty(args.number("presence-penalty", 0));
            if (args.has("repetition-penalty")) builder.repetitionPenalty(args.number("repetition-penalty", 1));
            if (args.has("no-repeat-ngram-size")) builder.noRepeatNgramSize(args.integer("no-repeat-ngram-size", 0));
            config = builder.maxNewTokens(args.integer("max-new-tokens", 100))
                    .stopSequences(stops)
                    .useKvCache(!args.flag("no-cache"))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path adapterDir = args.existingDirectory("adapter", false);
        try (LanguageModel model = LanguageModel.load(modelDir);
                Adapter adapter = adapterDir == null ? null : Adapter.load(adapterDir, model)) {
            Generator generator = new Generator(model);
            if (!args.flag("no-prompt") && !instruction) {
                out.print(prompt);
            }
            Generation g = generator.generate(prompt, adapter, config, (id, text) -> {
                out.print(text);
                out.flush();
            });
            out.println();
            err.println("[" + g.tokens().length + " tokens, "
                    + g.stopReason().name().toLowerCase() + ", seed " + g.seed() + "]");
        }
        return 0;
    }
}
