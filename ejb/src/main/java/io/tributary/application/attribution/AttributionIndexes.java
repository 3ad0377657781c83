package io.tributary.application.attribution;

import io.tributary.application.factory.TrainedRuns.TrainedRun;
import io.tributary.application.factory.TrainingText;
import io.tributary.training.attribution.Attribution;
import io.tributary.training.attribution.AttributionResult;
import io.tributary.training.attribution.GradientIndex;
import io.tributary.training.attribution.GradientIndexConfig;
import io.tributary.training.attribution.TokenSuffixArray;
import io.tributary.training.attribution.VerbatimSpan;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.BaseModel;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.retrieval.Retrieval;
import io.tributary.training.retrieval.RetrievedRecord;
import io.tributary.training.tokenizer.Tokenizer;
import io.tributary.training.train.InstructionPair;
import io.tributary.training.train.TrainingData;
import io.tributary.training.train.TrainingExample;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The training-time data of each completed run, kept next to its adapter under {@code factory/runs/<run>/attribution}:
 * {@code gradients.tgix} (every record's projected LoRA gradient and the preconditioner, the model library's format)
 * and {@code records.jsonl} (each indexed record's id and training text, from which the suffix array for verbatim spans
 * is rebuilt in milliseconds). Scoring keeps the last few versions' models loaded.
 */
@ApplicationScoped
public class AttributionIndexes {

    private static final Logger LOG = Logger.getLogger(AttributionIndexes.class.getName());

    /** Records that shaped an answer, as receipts keep them. */
    static final int TOP_K = 8;

    /** The shortest run of answer tokens that counts as copied verbatim. */
    static final int MIN_SPAN_TOKENS = 6;

    /** The longest answer and prompt scored (longer ones keep their start and their end respectively). */
    static final int MAX_OUTPUT_TOKENS = 128;

    static final int MAX_TOKENS = 256;

    private static final int LOADED = 2;

    /** One inference traced: the method's top records and the answer's verbatim spans. */
    public record Traced(AttributionResult result, List<Span> spans) {}

    /** A run of the answer found verbatim in training records. */
    public record Span(String text, int start, int length, List<String> recordIds) {}

    /** A version's model, adapter and indexes, loaded once and used by one scoring at a time. */
    private static final class Loaded implements AutoCloseable {
        final BaseModel base;
        final Adapter adapter;
        final GradientIndex index;
        final TokenSuffixArray suffixArray;

        Loaded(BaseModel base, Adapter adapter, GradientIndex index, TokenSuffixArray suffixArray) {
            this.base = base;
            this.adapter = adapter;
            this.index = index;
            this.suffixArray = suffixArray;
        }

        @Override
        public void close() {
            adapter.close();
            base.close();
        }
    }

    private final Map<UUID, Loaded> loaded = new LinkedHashMap<>(4, 0.75f, true);

    public static Path directory(Path runDirectory) {
        return runDirectory.resolve("attribution");
    }

    public static boolean exists(Path runDirectory) {
        Path dir = directory(runDirectory);
        return Files.isRegularFile(dir.resolve("gradients.tgix")) && Files.isRegularFile(dir.resolve("records.jsonl"));
    }

    /**
     * Builds the run's indexes from its records exactly as the training tokenised them (each record's first
     * example), then writes both files; returns the number of records indexed.
     */
    public int build(TrainedRun run) {
        return withLibrary(() -> {
            long started = System.nanoTime();
            try (BaseModel base = BaseModel.load(run.baseDirectory(), run.baseLicence());
                    Adapter adapter = Adapter.load(run.adapterDirectory(), base.model())) {
                LanguageModel model = base.model();
                Tokenizer tokenizer = model.requireTokenizer();
                List<TrainingExample> examples = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (TrainingText t : run.texts()) {
                    List<TrainingExample> of = run.instruction()
                            ? TrainingData.instructions(
                                            tokenizer,
                                            List.of(new InstructionPair(t.instruction(), t.response())),
                                            run.maxLength())
                                    .examples()
                            : TrainingData.causalText(tokenizer, List.of(t.document()), run.maxLength())
                                    .examples();
                    if (of.isEmpty() || ids.contains(t.recordId())) continue;
                    examples.add(of.get(0));
                    ids.add(t.recordId());
                    texts.add(text(t));
                }
                if (ids.isEmpty()) {
                    throw new IllegalStateException("Run " + run.runId() + " has no record to index");
                }
                GradientIndex index =
                        Attribution.gradientIndex(model, adapter, examples, ids, GradientIndexConfig.defaults());
                Path dir = directory(run.runDirectory());
                Files.createDirectories(dir);
                Path records = dir.resolve("records.jsonl.part");
                try (BufferedWriter out = Files.newBufferedWriter(records, StandardCharsets.UTF_8)) {
                    for (int i = 0; i < ids.size(); i++) {
                        out.write(Json.createObjectBuilder()
                                .add("id", ids.get(i))
                                .add("text", texts.get(i))
                                .build()
                                .toString());
                        out.write('\n');
                    }
                }
                index.save(dir.resolve("gradients.tgix"));
                Files.move(
                        records,
                        dir.resolve("records.jsonl"),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                LOG.info(String.format(
                        java.util.Locale.ROOT,
                        "Attribution index of run %s: %d records in %.1f s",
                        run.runId(),
                        ids.size(),
                        (System.nanoTime() - started) / 1e9));
                return ids.size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String text(TrainingText t) {
        return t.isInstruction() ? t.instruction() + "\n" + t.response() : t.document();
    }

    /**
     * Traces one answer of the version to its top records by the library's default method and finds its
     * verbatim spans. The version's run must have its index ({@link #exists}).
     */
    public Traced trace(UUID versionId, TrainedRun run, String prompt, String completion) {
        return withLibrary(() -> {
            Loaded l = load(versionId, run);
            synchronized (l) {
                Tokenizer tokenizer = l.base.model().requireTokenizer();
                int[] output = tokenizer.encode(completion);
                if (output.length == 0) {
                    return new Traced(
                            new AttributionResult(
                                    GradientIndex.Method.defaultMethod().methodName(), l.index.version(), List.of()),
                            List.of());
                }
                if (output.length > MAX_OUTPUT_TOKENS) output = Arrays.copyOf(output, MAX_OUTPUT_TOKENS);
                int[] promptTokens = tokenizer.encode(prompt);
                int room = Math.min(MAX_TOKENS, l.base.model().config().contextLength()) - output.length;
                if (promptTokens.length > room) {
                    promptTokens = Arrays.copyOfRange(promptTokens, promptTokens.length - room, promptTokens.length);
                }
                if (promptTokens.length == 0) promptTokens = new int[] {tokenizer.endOfTextId()};
                AttributionResult result = Attribution.byGradient(
                        l.base.model(),
                        l.adapter,
                        l.index,
                        promptTokens,
                        output,
                        GradientIndex.Method.defaultMethod(),
                        Math.min(TOP_K, l.index.size()));
                return new Traced(result, spans(l, output));
            }
        });
    }

    /**
     * Attributes one answer of a version published with retrieval to the records in its prompt's context block, by
     * exact leave-one-out (the library's {@link Retrieval#attribute}: the answer's log-likelihood under the version's
     * model with all records and with each one left out), and finds its verbatim spans in the training records. The
     * version's run must have its index ({@link #exists}).
     */
    public Traced traceRetrieved(
            UUID versionId, TrainedRun run, String prompt, String completion, List<RetrievedRecord> inContext) {
        return withLibrary(() -> {
            Loaded l = load(versionId, run);
            synchronized (l) {
                AttributionResult result =
                        Retrieval.attribute(l.base.model(), l.adapter, prompt, inContext, completion);
                int[] output = l.base.model().requireTokenizer().encode(completion);
                if (output.length > MAX_OUTPUT_TOKENS) output = Arrays.copyOf(output, MAX_OUTPUT_TOKENS);
                return new Traced(result, output.length == 0 ? List.of() : spans(l, output));
            }
        });
    }

    private static List<Span> spans(Loaded l, int[] output) {
        Tokenizer tokenizer = l.base.model().requireTokenizer();
        List<Span> spans = new ArrayList<>();
        for (VerbatimSpan s : Attribution.verbatimSpans(l.suffixArray, output, MIN_SPAN_TOKENS)) {
            spans.add(new Span(
                    tokenizer.decode(Arrays.copyOfRange(output, s.answerStart(), s.answerStart() + s.length())),
                    s.answerStart(),
                    s.length(),
                    s.occurrences().stream()
                            .map(VerbatimSpan.Occurrence::recordId)
                            .distinct()
                            .limit(5)
                            .toList()));
        }
        return List.copyOf(spans);
    }

    private synchronized Loaded load(UUID versionId, TrainedRun run) {
        Loaded l = loaded.get(versionId);
        if (l != null) return l;
        Path dir = directory(run.runDirectory());
        BaseModel base = null;
        try {
            base = BaseModel.load(run.baseDirectory(), run.baseLicence());
            Adapter adapter = Adapter.load(run.adapterDirectory(), base.model());
            GradientIndex index = GradientIndex.load(dir.resolve("gradients.tgix"));
            Tokenizer tokenizer = base.model().requireTokenizer();
            List<int[]> tokens = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("records.jsonl"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                try (var reader = Json.createReader(new StringReader(line))) {
                    JsonObject o = reader.readObject();
                    ids.add(o.getString("id"));
                    tokens.add(tokenizer.encode(o.getString("text")));
                }
            }
            l = new Loaded(base, adapter, index, Attribution.suffixArray(tokens, ids));
        } catch (IOException e) {
            if (base != null) base.close();
            throw new UncheckedIOException(e);
        }
        loaded.put(versionId, l);
        while (loaded.size() > LOADED) {
            var eldest = loaded.entrySet().iterator().next();
            loaded.remove(eldest.getKey());
            synchronized (eldest.getValue()) {
                eldest.getValue().close();
            }
        }
        return l;
    }

    @PreDestroy
    synchronized void close() {
        loaded.values().forEach(Loaded::close);
        loaded.clear();
    }

    /** Model-library work with the library's class loader as context loader, as the factory runs it (DJL needs it). */
    static <T> T withLibrary(Supplier<T> work) {
        // As the factory's runs: offline, and one PyTorch thread per caller (its pools would oversubscribe the cores).
        for (String property : List.of("ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads")) {
            if (System.getProperty(property) == null) System.setProperty(property, "1");
        }
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LanguageModel.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
