import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.tributary.training.eval.Evaluation;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.Generator;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.tokenizer.Tokenizer;
import io.tributary.training.train.TrainingData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures base models on held-out text and a fixed prompt list, as JSON. Run as a single-file program (see
 * compare-bases.sh): {@code java -cp CLASSPATH CompareBases.java --out FILE name=DIR... text=FILE...}.
 *
 * <p>Per-token perplexity depends on the tokenizer, so the report also gives the same total loss per word and per
 * byte: {@code nll = loss × predictedTokens} (every token of the packed stream after the first is predicted once,
 * end-of-text separators included), per-word perplexity {@code exp(nll / words)}, bits per byte
 * {@code nll / ln 2 / bytes}, words split at whitespace, bytes of the UTF-8 text of the documents.
 */
public class CompareBases {

    /** The fixed prompt list (one a line; run from the repository root). */
    static final Path PROMPTS_FILE = Path.of("model-training/corpus/prompts.txt");

    /**
     * The shipped base's recommended decoding (its generation_config.json), used for every model so they compare:
     * greedy with OpenAI's presence and frequency penalties, which break greedy loops.
     */
    static final GenerationConfig RECOMMENDED = GenerationConfig.builder()
            .maxNewTokens(40)
            .presencePenalty(1.0)
            .frequencyPenalty(0.3)
            .build();

    public static void main(String[] args) throws Exception {
        List<String> fixedPrompts = Files.readAllLines(PROMPTS_FILE);
        Path out = null;
        Map<String, Path> models = new LinkedHashMap<>();
        Map<String, Path> texts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[++i]);
            } else if (args[i].startsWith("text:")) {
                String[] kv = args[i].substring(5).split("=", 2);
                texts.put(kv[0], Path.of(kv[1]));
            } else {
                String[] kv = args[i].split("=", 2);
                models.put(kv[0], Path.of(kv[1]));
            }
        }
        JsonObject report = new JsonObject();
        JsonObject machine = new JsonObject();
        machine.addProperty("cores", Runtime.getRuntime().availableProcessors());
        machine.addProperty("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        machine.addProperty("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        machine.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.addProperty("java", System.getProperty("java.version"));
        machine.addProperty("torchThreads", System.getProperty("ai.djl.pytorch.num_threads"));
        report.add("machine", machine);
        JsonArray prompts = new JsonArray();
        fixedPrompts.forEach(prompts::add);
        report.add("prompts", prompts);
        report.addProperty("greedy", "greedy decoding, 40 new tokens");
        report.addProperty("sampled", "temperature 0.8, top-k 40, seed 7, 40 new tokens");
        report.addProperty(
                "recommended",
                "the shipped base's generation_config.json: greedy, presence penalty 1.0, frequency penalty 0.3, 40 new"
                        + " tokens");
        JsonObject results = new JsonObject();
        for (Map.Entry<String, Path> m : models.entrySet()) {
            JsonObject r = new JsonObject();
            try (LanguageModel model = LanguageModel.load(m.getValue())) {
                Tokenizer tokenizer = model.requireTokenizer();
                r.addProperty("directory", m.getValue().toString());
                r.addProperty("parameters", model.parameterCount());
                r.addProperty("contextLength", model.config().contextLength());
                r.addProperty("vocabularySize", model.config().vocabularySize());
                for (Map.Entry<String, Path> t : texts.entrySet()) {
                    List<String> documents = documents(Files.readString(t.getValue(), StandardCharsets.UTF_8));
                    long words = 0;
                    long bytes = 0;
                    long contentTokens = 0;
                    for (String d : documents) {
                        words += d.split("\\s+").length;
                        bytes += d.getBytes(StandardCharsets.UTF_8).length;
                        contentTokens += tokenizer.encode(d).length;
                    }
                    long started = System.nanoTime();
                    Evaluation.LossReport loss = new Evaluation(model)
                            .loss(TrainingData.causalText(tokenizer, documents, model.config().contextLength())
                                    .examples(), null, 8);
                    double nll = loss.loss() * loss.tokens();
                    JsonObject e = new JsonObject();
                    e.addProperty("file", t.getValue().toString());
                    e.addProperty("documents", documents.size());
                    e.addProperty("words", words);
                    e.addProperty("bytes", bytes);
                    e.addProperty("tokens", contentTokens);
                    e.addProperty("tokensPerWord", (double) contentTokens / words);
                    e.addProperty("predictedTokens", loss.tokens());
                    e.addProperty("lossPerToken", loss.loss());
                    e.addProperty("perplexityPerToken", loss.perplexity());
                    e.addProperty("perplexityPerWord", Math.exp(nll / words));
                    e.addProperty("bitsPerByte", nll / Math.log(2) / bytes);
                    e.addProperty("seconds", (System.nanoTime() - started) / 1e9);
                    r.add(t.getKey(), e);
                    System.err.printf("%s %s: %s%n", m.getKey(), t.getKey(), e);
                }
                Generator generator = new Generator(model);
                JsonArray greedy = new JsonArray();
                JsonArray sampled = new JsonArray();
                JsonArray recommended = new JsonArray();
                for (String prompt : fixedPrompts) {
                    greedy.add(generator.generate(prompt, GenerationConfig.greedy(40))
                            .text());
                    sampled.add(generator.generate(
                                    prompt,
                                    GenerationConfig.builder()
                                            .maxNewTokens(40)
                                            .temperature(0.8)
                                            .topK(40)
                                            .seed(7)
                                            .build())
                            .text());
                    recommended.add(generator.generate(prompt, RECOMMENDED).text());
                    System.err.println(prompt + " → " + greedy.get(greedy.size() - 1).getAsString() + " | "
                            + recommended.get(recommended.size() - 1).getAsString());
                }
                r.add("greedy", greedy);
                r.add("sampled", sampled);
                r.add("recommended", recommended);
            }
            results.add(m.getKey(), r);
        }
        report.add("models", results);
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(report);
        if (out != null) {
            Files.writeString(out, json + "\n");
        }
        System.out.println(json);
    }

    static String firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Splits text into documents at blank lines, as the pretrain and eval commands do. */
    static List<String> documents(String text) {
        List<String> documents = new ArrayList<>();
        for (String part : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            if (!part.isBlank()) {
                documents.add(part.strip());
            }
        }
        return documents;
    }
}
