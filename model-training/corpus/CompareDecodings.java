import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.tributary.training.eval.Evaluation;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.Generator;
import io.tributary.training.generate.TokenListener;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.train.InstructionPair;
import io.tributary.training.train.TrainingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares decodings of the shipped base, as JSON: its continuations of the fixed prompt list, and the demo
 * instruction adapter's exact match and token F1 on the held-out questions and the paraphrases. Run as a single-file
 * program (see compare-decodings.sh): {@code java -cp CLASSPATH CompareDecodings.java OUT MODEL_DIR ADAPTER_DIR
 * INSTRUCTIONS_DIR}.
 */
public class CompareDecodings {

    /** The fixed prompt list (one a line; run from the repository root). */
    static final Path PROMPTS_FILE = Path.of("model-training/corpus/prompts.txt");

    /** Greedy decodings: plain, OpenAI's penalties (the answer's tokens), Hugging Face's (the prompt's too). */
    static Map<String, GenerationConfig.Builder> decodings() {
        Map<String, GenerationConfig.Builder> d = new LinkedHashMap<>();
        d.put("greedy", GenerationConfig.builder());
        d.put("presence 1.0, frequency 0.3", GenerationConfig.builder().presencePenalty(1).frequencyPenalty(0.3));
        d.put("no repeated 3-gram", GenerationConfig.builder().noRepeatNgramSize(3));
        d.put("repetition 1.1, no repeated 3-gram", GenerationConfig.builder().repetitionPenalty(1.1).noRepeatNgramSize(3));
        d.put("repetition 1.3, no repeated 3-gram", GenerationConfig.builder().repetitionPenalty(1.3).noRepeatNgramSize(3));
        return d;
    }

    public static void main(String[] args) throws Exception {
        List<String> fixedPrompts = Files.readAllLines(PROMPTS_FILE);
        Path out = Path.of(args[0]);
        Path instructions = Path.of(args[3]);
        JsonObject report = new JsonObject();
        report.addProperty("model", args[1]);
        report.addProperty("adapter", args[2]);
        report.addProperty("cores", Runtime.getRuntime().availableProcessors());
        report.addProperty("java", System.getProperty("java.version"));
        JsonObject results = new JsonObject();
        try (LanguageModel model = LanguageModel.load(Path.of(args[1]));
                Adapter adapter = Adapter.load(Path.of(args[2]), model)) {
            Generator generator = new Generator(model);
            for (Map.Entry<String, GenerationConfig.Builder> d : decodings().entrySet()) {
                JsonObject r = new JsonObject();
                GenerationConfig continuation = d.getValue().maxNewTokens(40).build();
                JsonArray samples = new JsonArray();
                for (String prompt : fixedPrompts) {
                    samples.add(generator.generate(prompt, continuation).text());
                }
                r.add("baseContinuations", samples);
                // As `eval --qa`: up to 48 tokens, ending at the response's end.
                GenerationConfig answer = d.getValue()
                        .maxNewTokens(48)
                        .stopSequences(List.of("\n\n", "###"))
                        .build();
                for (String set : List.of("heldout", "paraphrases")) {
                    List<InstructionPair> pairs = TrainingData.readInstructions(instructions.resolve(set + ".jsonl"));
                    double exact = 0;
                    double f1 = 0;
                    JsonArray firstAnswers = new JsonArray();
                    for (InstructionPair pair : pairs) {
                        String a = generator
                                .generate(InstructionPair.prompt(pair.instruction()), adapter, answer, TokenListener.none())
                                .text()
                                .strip();
                        exact += Evaluation.exactMatch(a, pair.response()) ? 1 : 0;
                        f1 += Evaluation.tokenF1(a, pair.response());
                        if (firstAnswers.size() < 4) firstAnswers.add(pair.instruction() + " → " + a);
                    }
                    JsonObject s = new JsonObject();
                    s.addProperty("questions", pairs.size());
                    s.addProperty("exactMatch", Math.round(exact / pairs.size() * 10000) / 10000.0);
                    s.addProperty("f1", Math.round(f1 / pairs.size() * 10000) / 10000.0);
                    s.add("firstAnswers", firstAnswers);
                    r.add(set, s);
                }
                results.add(d.getKey(), r);
                System.err.println(d.getKey() + ": " + r.getAsJsonObject("heldout").get("f1") + " / "
                        + r.getAsJsonObject("paraphrases").get("f1"));
            }
        }
        JsonArray prompts = new JsonArray();
        fixedPrompts.forEach(prompts::add);
        report.add("prompts", prompts);
        report.add("decodings", results);
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(report) + "\n");
    }
}
