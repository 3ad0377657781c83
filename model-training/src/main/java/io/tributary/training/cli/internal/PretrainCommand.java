package io.tributary.training.cli.internal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.ModelConfig;
import io.tributary.training.tokenizer.Tokenizer;
import io.tributary.training.train.TrainingConfig;
import io.tributary.training.train.TrainingData;
import io.tributary.training.train.TrainingResult;
import io.tributary.training.train.TrainingRun;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code pretrain}: trains a tokenizer and a GPT-2-style model from scratch on plain-text files. */
public final class PretrainCommand implements Command {

    @Override
    public String name() {
        return "pretrain";
    }

    @Override
    public String summary() {
        return "train a tokenizer and a small GPT-2-style model on text files";
    }

    @Override
    public Map<String, Boolean> options() {
        return Arguments.options(Options.concat(
                Options.TRAINING,
                "corpus=",
                "out=",
                "tokenizer=",
                "vocab=",
                "context=",
                "width=",
                "layers=",
                "heads="));
    }

    @Override
    public String usage() {
        return String.join(
                        "\n",
                        "Usage: tributary-model pretrain --corpus FILE[,FILE...] --out DIR [options]",
                        "",
                        "Trains a byte-level BPE tokenizer and a GPT-2-style model on UTF-8 text files (documents are",
                        "separated by blank lines) and writes a Hugging Face GPT-2 directory: config.json,",
                        "model.safetensors, tokenizer.json, plus pretraining.json describing the run.",
                        "",
                        "  --corpus FILES        text files, comma-separated or repeated (required)",
                        "  --out DIR             output model directory (required)",
                        "  --tokenizer FILE      use this tokenizer.json instead of training one",
                        "  --vocab N             tokenizer vocabulary size (default 2048)",
                        "  --context N           context length (default 128)",
                        "  --width N             hidden width (default 128)",
                        "  --layers N            transformer blocks (default 4)",
                        "  --heads N             attention heads (default 4)",
                        Options.TRAINING_HELP)
                .formatted(1000, 16, "1e-3", 50, "0.05");
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        List<String> corpusFiles = args.all("corpus");
        if (corpusFiles.isEmpty()) {
            throw new UsageException("missing required option --corpus");
        }
        Path outDir = Path.of(args.required("out"));
        List<String> documents = new ArrayList<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String file : corpusFiles) {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                throw new UsageException("--corpus: file not found: " + path);
            }
            byte[] bytes = Files.readAllBytes(path);
            sha.update(bytes);
            documents.addAll(documents(new String(bytes, StandardCharsets.UTF_8)));
        }
        if (documents.isEmpty()) {
            throw new UsageException("--corpus: the corpus is empty");
        }
        int vocab = args.integer("vocab", 2048);
        Tokenizer tokenizer;
        if (args.has("tokenizer")) {
            tokenizer = Tokenizer.load(args.existingFile("tokenizer"));
        } else {
            if (vocab < 258) {
                throw new UsageException("--vocab must be at least 258");
            }
            out.println("training tokenizer (" + vocab + " tokens) on " + documents.size() + " documents");
            tokenizer = Tokenizer.train(documents, vocab);
        }
        ModelConfig config;
        try {
            config = ModelConfig.of(
                            tokenizer.vocabularySize(),
                            args.integer("context", 128),
                            args.integer("width", 128),
                            args.integer("layers", 4),
                            args.integer("heads", 4))
                    .withEndOfTextId(tokenizer.endOfTextId());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        TrainingConfig training = Options.training(args, 1000, 16, 1e-3, 50, 0.05);
        TrainingData data = TrainingData.causalText(tokenizer, documents, config.contextLength());
        if (data.size() < 2) {
            throw new UsageException("--corpus: too little text for even two training windows");
        }
        try (LanguageModel model = LanguageModel.create(config, training.seed())) {
            model.setTokenizer(tokenizer);
            out.printf(
                    Locale.ROOT,
                    "model: %d layers, width %d, %d heads, context %d, vocabulary %d, %d parameters; %d windows%n",
                    config.layers(),
                    config.width(),
                    config.heads(),
                    config.contextLength(),
                    config.vocabularySize(),
                    model.parameterCount(),
                    data.size());
            long started = System.nanoTime();
            TrainingResult result = TrainingRun.pretraining(model, data, training)
                    .addListener(new ProgressPrinter(out, args.integer("log-every", 10)))
                    .run();
            double seconds = (System.nanoTime() - started) / 1e9;
            model.save(outDir);
            JsonObject summary = new JsonObject();
            summary.addProperty("corpus", String.join(",", corpusFiles));
            summary.addProperty("corpusSha256", HexFormat.of().formatHex(sha.digest()));
            summary.addProperty("steps", result.steps());
            summary.addProperty("status", result.status().name());
            summary.addProperty("finalTrainingLoss", result.finalLoss());
            summary.addProperty("validationLoss", result.validationLoss());
            summary.addProperty("validationPerplexity", Math.exp(result.validationLoss()));
            summary.addProperty("parameters", model.parameterCount());
            summary.addProperty("seconds", Math.round(seconds));
            summary.addProperty("batch", training.batchSize());
            summary.addProperty("learningRate", training.learningRate());
            summary.addProperty("seed", training.seed());
            Files.writeString(
                    outDir.resolve("pretraining.json"),
                    new GsonBuilder()
                            .serializeSpecialFloatingPointValues()
                            .setPrettyPrinting()
                            .create()
                            .toJson(summary));
            out.printf(
                    Locale.ROOT,
                    "%s after %d steps in %.0f s: training loss %.4f, %s; saved to %s%n",
                    result.status(),
                    result.steps(),
                    seconds,
                    result.finalLoss(),
                    ProgressPrinter.validation(result.validationLoss()),
                    outDir);
        }
        return 0;
    }

    /** Splits text into documents at blank lines. */
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
