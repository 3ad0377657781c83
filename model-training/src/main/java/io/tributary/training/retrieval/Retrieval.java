package io.tributary.training.retrieval;

import io.tributary.training.attribution.AttributionResult;
import io.tributary.training.attribution.ScoredRecord;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.retrieval.internal.AnswerLikelihood;
import io.tributary.training.retrieval.internal.ContextAblation;
import io.tributary.training.retrieval.internal.HnswStore;
import io.tributary.training.retrieval.internal.MiniLmEmbedder;
import io.tributary.training.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The one entry point for retrieval-augmented answers: build and open a record index, render retrieved records as the
 * prompt's context block, and attribute an answer to the records in its context by ablating them.
 */
public final class Retrieval {

    /** Up to this many records in the context are attributed by exact leave-one-out (k + 1 forward passes). */
    public static final int EXACT_LIMIT = 8;

    /** Exact leave-one-out over the records in the context. */
    public static final String LEAVE_ONE_OUT = "retrieval-leave-one-out";

    /** ContextCite-style lasso fit over random ablations of the context (more than {@link #EXACT_LIMIT} records). */
    public static final String ABLATION_LASSO = "retrieval-ablation-lasso";

    /** The longest answer attributed (a longer one keeps its start), as gradient attribution does. */
    public static final int MAX_ANSWER_TOKENS = 128;

    static final long ABLATION_SEED = 20261206L;

    static final double L1_RATIO = 0.01;

    private static final String CONTEXT = "Context:\n";

    private Retrieval() {}

    /** all-MiniLM-L6-v2 sentence embeddings (384 dimensions), offline; one shared instance. */
    public static TextEmbedder miniLm() {
        return MiniLmEmbedder.instance();
    }

    /**
     * Embeds every record and writes the index into {@code directory}, which must not exist yet (it appears whole,
     * through a sibling folder moved into place); returns it open.
     */
    public static RetrievalIndex build(Path directory, List<String> ids, List<String> texts, TextEmbedder embedder)
            throws IOException {
        if (ids.size() != texts.size()) throw new IllegalArgumentException("One text per id");
        if (ids.isEmpty()) throw new IllegalArgumentException("No record to index");
        if (Files.exists(directory)) throw new IllegalArgumentException(directory + " already exists");
        List<float[]> vectors = new ArrayList<>();
        for (String text : texts) {
            float[] v = embedder.embed(text);
            if (v.length != embedder.dimension()) throw new IllegalStateException("Embedding of the wrong size");
            vectors.add(v);
        }
        HnswStore.write(directory, ids, texts, vectors, embedder.name());
        return open(directory, embedder);
    }

    /** Opens an index written by {@link #build}; refuses one built with another embedder. */
    public static RetrievalIndex open(Path directory, TextEmbedder embedder) throws IOException {
        return RetrievalIndex.open(directory, embedder);
    }

    /** True when {@code directory} holds a finished index. */
    public static boolean exists(Path directory) {
        if (!Files.isDirectory(directory)) return false;
        try (var files = Files.list(directory)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("segments_"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The context block that puts records in front of a question: {@code "Context:\n- <record>\n- <record>\n"}, each
     * record on one line; empty for no records. Rendered the same way every time, so leaving a record out of a prompt
     * is replacing this block by the block without it.
     */
    public static String context(List<String> texts) {
        if (texts.isEmpty()) return "";
        StringBuilder block = new StringBuilder(CONTEXT);
        for (String t : texts) {
            block.append("- ").append(t.strip().replaceAll("\\s*\\n\\s*", " ")).append('\n');
        }
        return block.toString();
    }

    /**
     * Attributes an answer to the records in its prompt's context block ({@link #context} of {@code inContext}'s
     * texts, in that order, exactly once in {@code prompt}): by exact leave-one-out for up to {@link #EXACT_LIMIT}
     * records, otherwise by the lasso surrogate over {@code 4k} (at least 32) seeded random ablations. Each score is
     * in nats of the answer's log-likelihood; the result lists every record, best first.
     */
    public static AttributionResult attribute(
            LanguageModel model, Adapter adapter, String prompt, List<RetrievedRecord> inContext, String answer) {
        List<String> texts = inContext.stream().map(RetrievedRecord::text).toList();
        String block = context(texts);
        int at = prompt.indexOf(block);
        if (inContext.isEmpty() || at < 0) {
            throw new IllegalArgumentException("The prompt does not hold the context block of these records");
        }
        Tokenizer tokenizer = model.requireTokenizer();
        int[] output = tokenizer.encode(answer);
        if (output.length == 0) {
            return new AttributionResult(LEAVE_ONE_OUT, version(inContext.size()), List.of());
        }
        if (output.length > MAX_ANSWER_TOKENS) output = Arrays.copyOf(output, MAX_ANSWER_TOKENS);
        int[] answerTokens = output;
        String before = prompt.substring(0, at);
        String after = prompt.substring(at + block.length());
        AnswerLikelihood likelihood = new AnswerLikelihood(model, adapter);
        java.util.function.ToDoubleFunction<List<Integer>> ofKept = kept -> {
            List<String> subset = kept.stream().map(texts::get).toList();
            return likelihood.of(tokenizer.encode(before + context(subset) + after), answerTokens);
        };
        int k = inContext.size();
        boolean exact = k <= EXACT_LIMIT;
        double[] scores = exact
                ? ContextAblation.leaveOneOut(k, ofKept)
                : ContextAblation.surrogate(k, Math.max(32, 4 * k), ABLATION_SEED, L1_RATIO, ofKept);
        List<ScoredRecord> scored = new ArrayList<>();
        for (int i = 0; i < k; i++) scored.add(new ScoredRecord(inContext.get(i).id(), i, scores[i]));
        scored.sort(Comparator.comparingDouble(ScoredRecord::score).reversed().thenComparingInt(ScoredRecord::index));
        return new AttributionResult(exact ? LEAVE_ONE_OUT : ABLATION_LASSO, version(k), scored);
    }

    /** The method's version string stored with receipts: {@code key=value} pairs joined by {@code ;}. */
    static String version(int k) {
        return k <= EXACT_LIMIT
                ? "method=1;records=" + k + ";passes=" + (k + 1) + ";answer-tokens=" + MAX_ANSWER_TOKENS
                        + ";context-block=1"
                : "method=1;records=" + k + ";masks=" + Math.max(32, 4 * k) + ";seed=" + ABLATION_SEED + ";l1="
                        + L1_RATIO + ";answer-tokens=" + MAX_ANSWER_TOKENS + ";context-block=1";
    }

    /** The answer's natural-log likelihood after the prompt (teacher-forced; a prompt too long keeps its end). */
    public static double answerLogLikelihood(LanguageModel model, Adapter adapter, String prompt, String answer) {
        Tokenizer tokenizer = model.requireTokenizer();
        return new AnswerLikelihood(model, adapter).of(tokenizer.encode(prompt), tokenizer.encode(answer));
    }
}
