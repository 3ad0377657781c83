package io.tributary.training.cli.internal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.tributary.training.eval.Evaluation;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.train.InstructionPair;
import io.tributary.training.train.TrainingData;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code eval}: loss and perplexity on text, exact match and F1 on Q&A pairs, side-by-side prompts. */
public final class EvalCommand implements Command {

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "perplexity on text, exact match/F1 on Q&A pairs, base vs adapter side by side";
    }

    @Override
    public Map<String, Boolean> options() {
        return Arguments.options(
                "model=", "adapter=", "text=", "qa=", "prompts=", "max-new-tokens=", "as-instructions");
    }

    @Override
    public String usage() {
        return String.join(
                "\n",
                "Usage: tributary-model eval --model DIR [--adapter DIR] (--text FILE | --qa FILE | --prompts FILE)",
                "",
                "Prints a JSON report.",
                "  --model DIR           model directory (required)",
                "  --adapter DIR         PEFT adapter directory",
                "  --text FILE           plain text: validation loss and perplexity",
                "  --qa FILE             JSON Lines of instruction/response pairs: exact match and token F1",
                "  --prompts FILE        one prompt per line: greedy continuations of the base model and of",
                "                        the adapter side by side (needs --adapter)",
                "  --as-instructions     wrap each prompt in the fine-tuning instruction template",
                "  --max-new-tokens N    tokens per answer or continuation (default 40)");
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path modelDir = args.existingDirectory("model", true);
        Path adapterDir = args.existingDirectory("adapter", false);
        int tasks = (args.has("text") ? 1 : 0) + (args.has("qa") ? 1 : 0) + (args.has("prompts") ? 1 : 0);
        if (tasks == 0) {
            throw new UsageException("give one of --text, --qa or --prompts");
        }
        if (args.has("prompts") && adapterDir == null) {
            throw new UsageException("--prompts compares base and adapter: give --adapter too");
        }
        int maxNew = args.integer("max-new-tokens", 40);
        if (maxNew <= 0) {
            throw new UsageException("--max-new-tokens must be positive");
        }
        Path text = args.has("text") ? args.existingFile("text") : null;
        Path qa = args.has("qa") ? args.existingFile("qa") : null;
        Path prompts = args.has("prompts") ? args.existingFile("prompts") : null;
        JsonObject report = new JsonObject();
        try (LanguageModel model = LanguageModel.load(modelDir);
                Adapter adapter = adapterDir == null ? null : Adapter.load(adapterDir, model)) {
            Evaluation evaluation = new Evaluation(model);
            if (text != null) {
                List<String> documents = PretrainCommand.documents(Files.readString(text, StandardCharsets.UTF_8));
                if (documents.isEmpty()) {
                    throw new UsageException("--text: the file is empty");
                }
                TrainingData data = TrainingData.causalText(
                        model.requireTokenizer(), documents, model.config().contextLength());
                Evaluation.LossReport loss = evaluation.loss(data.examples(), adapter, 8);
                JsonObject o = new JsonObject();
                o.addProperty("loss", loss.loss());
                o.addProperty("perplexity", loss.perplexity());
                o.addProperty("tokens", loss.tokens());
                report.add("text", o);
            }
            if (qa != null) {
                List<InstructionPair> pairs = TrainingData.readInstructions(qa);
                Evaluation.QaReport result = evaluation.questionAnswering(pairs, adapter, maxNew);
                JsonObject o = new JsonObject();
                o.addProperty("exactMatch", result.exactMatch());
                o.addProperty("f1", result.f1());
                o.addProperty("pairs", pairs.size());
                JsonArray answers = new JsonArray();
                result.answers().forEach(answers::add);
                o.add("answers", answers);
                report.add("qa", o);
            }
            if (prompts != null) {
                List<String> lines = new ArrayList<>();
                for (String line : Files.readAllLines(prompts, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        lines.add(args.flag("as-instructions") ? InstructionPair.prompt(line) : line.strip());
                    }
                }
                if (lines.isEmpty()) {
                    throw new UsageException("--prompts: the file has no prompts");
                }
                JsonArray rows = new JsonArray();
                GenerationConfig config = GenerationConfig.builder()
                        .maxNewTokens(maxNew)
                        .stopSequences(args.flag("as-instructions") ? List.of("\n\n", "###") : List.of())
                        .build();
                for (Evaluation.SideBySide row : evaluation.compare(lines, adapter, config)) {
                    JsonObject o = new JsonObject();
                    o.addProperty("prompt", row.prompt());
                    o.addProperty("base", row.base());
                    o.addProperty("adapter", row.adapted());
                    rows.add(o);
                }
                report.add("sideBySide", rows);
            }
        }
        out.println(new GsonBuilder()
                .setPrettyPrinting()
                .disableHtmlEscaping()
                .serializeSpecialFloatingPointValues()
                .create()
                .toJson(report));
        return 0;
    }
}
