package io.tributary.training.attribution;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.training.eval.Evaluation;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.retrieval.Retrieval;
import io.tributary.training.retrieval.RetrievalIndex;
import io.tributary.training.retrieval.RetrievedRecord;
import io.tributary.training.tokenizer.Tokenizer;
import io.tributary.training.train.InstructionPair;
import io.tributary.training.train.TrainingConfig;
import io.tributary.training.train.TrainingData;
import io.tributary.training.train.TrainingExample;
import io.tributary.training.train.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Measures how faithful every attribution method is on adapters trained on the shipped base with the demo
 * instruction data (one contributor per subject): the linear datamodeling score (LDS) by retraining on random 50 %
 * subsets, at record level and at contributor level; the AUC of self-influence for planted mislabeled records; and
 * planted-fact recall (a fact only one contributor supplied, asked in other words, top-1 to that contributor).
 */
public final class FidelityEvaluation {

    /**
     * The protocol's sizes and the tiny LoRA recipe every retraining uses.
     *
     * @param recordsPerContributor training records taken per subject (the words with paraphrased questions)
     * @param queriesPerContributor paraphrased questions per subject scored in the LDS
     * @param subsets retrainings per LDS (record level and contributor level each)
     * @param rank LoRA rank
     * @param targets LoRA target modules
     * @param epochs passes over the training records
     * @param batchSize examples per step
     * @param learningRate AdamW learning rate
     * @param dimension projected gradient length k
     * @param dampingRatio preconditioner damping relative to the mean eigenvalue
     * @param mislabeledFraction share of the copy's records whose response is swapped with another subject's
     * @param factsPerContributor invented facts planted per contributor
     * @param seed seeds everything
     * @param dampingSweep further damping ratios at which the preconditioned methods are also scored (LDS only)
     */
    public record Settings(
            int recordsPerContributor,
            int queriesPerContributor,
            int subsets,
            int rank,
            List<String> targets,
            int epochs,
            int batchSize,
            double learningRate,
            int dimension,
            double dampingRatio,
            double mislabeledFraction,
            int factsPerContributor,
            long seed,
            List<Double> dampingSweep) {

        public static Settings defaults() {
            return new Settings(
                    40, 8, 50, 4, List.of("c_attn", "c_fc"), 3, 8, 3e-3, 256, 0.1, 0.1, 4, 20261206L, List.of());
        }
    }

    /** A training record with its contributor. */
    record Record(String id, String contributor, InstructionPair pair) {}

    private static final String BM25 = "bm25";
    /** Marks a damping-sweep variant of a method in the report. */
    static final String SWEEP = "@damping=";

    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final Settings settings;
    private final PrintStream log;
    private final Path cache;

    public FidelityEvaluation(LanguageModel model, Settings settings, PrintStream log) {
        this(model, settings, log, null);
    }

    /**
     * With {@code cache} set, each retraining's query losses are kept there, so an interrupted or repeated run with
     * the same recipe, data and subsets reuses them (training is seeded, so they are what a retraining gives).
     */
    public FidelityEvaluation(LanguageModel model, Settings settings, PrintStream log, Path cache) {
        this.cache = cache;
        this.model = model;
        this.tokenizer = model.requireTokenizer();
        this.settings = settings;
        this.log = log;
    }

    /** Runs the whole protocol on {@code train} (with {@code subject} as the contributor) and its paraphrases. */
    public JsonObject run(Path train, Path paraphrases) throws IOException {
        return run(train, paraphrases, true);
    }

    /** As {@link #run(Path, Path)}; without the LDS retrainings when {@code includeLds} is false. */
    public JsonObject run(Path train, Path paraphrases, boolean includeLds) throws IOException {
        long start = System.nanoTime();
        List<Record> records = new ArrayList<>();
        Map<String, String> paraphraseOf = new HashMap<>();
        for (JsonObject o : readJson(paraphrases)) {
            paraphraseOf.putIfAbsent(
                    o.get("response").getAsString(), o.get("instruction").getAsString());
        }
        Map<String, Integer> perSubject = new LinkedHashMap<>();
        List<InstructionPair> queries = new ArrayList<>();
        List<String> queryContributors = new ArrayList<>();
        Map<String, Integer> queriesPerSubject = new HashMap<>();
        for (JsonObject o : readJson(train)) {
            String subject = o.get("subject").getAsString();
            String response = o.get("response").getAsString();
            if (!paraphraseOf.containsKey(response)
                    || perSubject.getOrDefault(subject, 0) >= settings.recordsPerContributor()) {
                continue;
            }
            perSubject.merge(subject, 1, Integer::sum);
            InstructionPair pair = new InstructionPair(o.get("instruction").getAsString(), response);
            records.add(new Record("r" + records.size(), subject, pair));
            if (queriesPerSubject.getOrDefault(subject, 0) < settings.queriesPerContributor()) {
                queriesPerSubject.merge(subject, 1, Integer::sum);
                queries.add(new InstructionPair(paraphraseOf.get(response), response));
                queryContributors.add(subject);
            }
        }
        List<String> contributors = new ArrayList<>(perSubject.keySet());
        log.printf(
                "%d records from %d contributors, %d paraphrased queries%n",
                records.size(), contributors.size(), queries.size());

        JsonObject report = new JsonObject();
        report.add("settings", settingsJson(records.size(), contributors, queries.size()));
        if (!includeLds) {
            long t = System.nanoTime();
            report.add("planted", planted(records, contributors));
            report.addProperty("plantedSeconds", Math.round(seconds(t)));
            return report;
        }

        // 1. the attributed model: trained on all records; every method's scores for every query
        long t = System.nanoTime();
        List<TrainingExample> examples = examples(records);
        List<TrainingExample> queryExamples = examplesOf(queries);
        Map<String, double[][]> scores;
        try (Adapter full = train(examples)) {
            scores = scoreAll(full, records, examples, queries, queryExamples);
        }
        log.printf("attributed model and scores: %.0f s%n", seconds(t));

        // 2. record-level LDS: random halves of the records
        t = System.nanoTime();
        Random random = new Random(settings.seed());
        List<BitSet> recordSubsets = new ArrayList<>();
        for (int j = 0; j < settings.subsets(); j++) {
            recordSubsets.add(randomHalf(records.size(), random));
        }
        double[][] recordLosses = retrain(examples, queryExamples, recordSubsets, "record subset");
        double recordSeconds = seconds(t);

        // 3. contributor-level LDS: each contributor in or out with probability 1/2
        t = System.nanoTime();
        List<BitSet> contributorSubsets = new ArrayList<>();
        Set<BitSet> distinct = new HashSet<>();
        while (contributorSubsets.size() < settings.subsets()) {
            BitSet in = randomHalfOrAny(contributors.size(), random);
            BitSet mask = new BitSet();
            for (int i = 0; i < records.size(); i++) {
                if (in.get(contributors.indexOf(records.get(i).contributor()))) {
                    mask.set(i);
                }
            }
            contributorSubsets.add(mask);
            distinct.add(in);
        }
        double[][] contributorLosses = retrain(examples, queryExamples, contributorSubsets, "contributor subset");
        double contributorSeconds = seconds(t);

        JsonObject lds = new JsonObject();
        for (Map.Entry<String, double[][]> e : scores.entrySet()) {
            JsonObject m = new JsonObject();
            m.addProperty("recordLevel", round(lds(e.getValue(), recordSubsets, recordLosses)));
            m.addProperty("contributorLevel", round(lds(e.getValue(), contributorSubsets, contributorLosses)));
            lds.add(e.getKey(), m);
        }
        JsonObject ldsReport = new JsonObject();
        ldsReport.addProperty("recordSubsets", recordSubsets.size());
        ldsReport.addProperty("recordRetrainingSeconds", Math.round(recordSeconds));
        ldsReport.addProperty("contributorSubsets", contributorSubsets.size());
        ldsReport.addProperty("distinctContributorSubsets", distinct.size());
        ldsReport.addProperty("contributorRetrainingSeconds", Math.round(contributorSeconds));
        ldsReport.addProperty("queries", queries.size());
        ldsReport.add("byMethod", lds);
        report.add("lds", ldsReport);

        // 4. planted data: mislabeled records and invented facts in a copy
        t = System.nanoTime();
        report.add("planted", planted(records, contributors));
        report.addProperty("plantedSeconds", Math.round(seconds(t)));
        report.addProperty("totalSeconds", Math.round(seconds(start)));
        return report;
    }

    private JsonObject planted(List<Record> records, List<String> contributors) {
        Random random = new Random(settings.seed() + 1);
        List<Record> copy = new ArrayList<>();
        // half mislabeled (another subject's statement: only the fact is wrong), half scrambled (words shuffled)
        Set<Integer> mislabeled = new HashSet<>();
        Set<Integer> scrambled = new HashSet<>();
        int count = (int) Math.round(settings.mislabeledFraction() * records.size());
        while (mislabeled.size() + scrambled.size() < count) {
            int i = random.nextInt(records.size());
            if (!mislabeled.contains(i) && !scrambled.contains(i)) {
                (mislabeled.size() <= scrambled.size() ? mislabeled : scrambled).add(i);
            }
        }
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            String response = r.pair().response();
            if (mislabeled.contains(i)) {
                Record other;
                do {
                    other = records.get(random.nextInt(records.size()));
                } while (other.contributor().equals(r.contributor())
                        || hypernymStatement(other.pair().response()) != hypernymStatement(response));
                response = mislabel(response, other.pair().response());
            } else if (scrambled.contains(i)) {
                response = scramble(response, random);
            }
            copy.add(new Record(
                    r.id(), r.contributor(), new InstructionPair(r.pair().instruction(), response)));
        }
        List<InstructionPair> factQueries = new ArrayList<>();
        List<String> factOwners = new ArrayList<>();
        List<String> factRecords = new ArrayList<>();
        Set<String> words = new HashSet<>();
        for (String contributor : contributors) {
            for (int f = 0; f < settings.factsPerContributor(); f++) {
                String word;
                do {
                    word = inventedWord(random);
                } while (!words.add(word));
                String fact = "A " + word + " is a " + COLOURS[random.nextInt(COLOURS.length)] + " "
                        + THINGS[random.nextInt(THINGS.length)] + " found only in "
                        + PLACES[random.nextInt(PLACES.length)] + ".";
                String id = "fact-" + contributor.replace(' ', '-') + "-" + f;
                copy.add(new Record(id, contributor, new InstructionPair("What is a " + word + "?", fact)));
                factQueries.add(new InstructionPair("Can you tell me what a " + word + " is?", fact));
                factOwners.add(contributor);
                factRecords.add(id);
            }
        }
        List<TrainingExample> examples = examples(copy);
        JsonObject result = new JsonObject();
        result.addProperty("records", copy.size());
        result.addProperty("mislabeled", mislabeled.size());
        result.addProperty("scrambled", scrambled.size());
        result.addProperty("facts", factQueries.size());
        try (Adapter adapter = train(examples)) {
            GradientIndex index = GradientIndex.build(model, adapter, examples, ids(copy), indexConfig());
            int original = records.size();
            Evaluation evaluation = new Evaluation(model);
            double[] losses = new double[copy.size()];
            for (int i = 0; i < copy.size(); i++) {
                losses[i] =
                        evaluation.loss(List.of(examples.get(i)), adapter, 1).loss();
            }
            Map<String, double[]> detectors = new LinkedHashMap<>();
            for (GradientIndex.Method method : GradientIndex.Method.values()) {
                detectors.putIfAbsent(selfInfluenceName(method), index.selfInfluence(method));
            }
            detectors.put("training-loss", losses);
            JsonObject auc = new JsonObject();
            for (Map.Entry<String, double[]> e : detectors.entrySet()) {
                JsonObject m = new JsonObject();
                m.addProperty("mislabeled", round(aucAgainstClean(e.getValue(), original, mislabeled, scrambled)));
                m.addProperty("scrambled", round(aucAgainstClean(e.getValue(), original, scrambled, mislabeled)));
                Set<Integer> both = new HashSet<>(mislabeled);
                both.addAll(scrambled);
                m.addProperty("all", round(aucAgainstClean(e.getValue(), original, both, Set.of())));
                auc.add(e.getKey(), m);
            }
            result.add("mislabeledAuc", auc);

            Map<String, double[][]> factScores =
                    scoreAll(adapter, copy, examples, factQueries, examplesOf(factQueries));
            JsonObject recall = new JsonObject();
            for (Map.Entry<String, double[][]> e : factScores.entrySet()) {
                int contributorHits = 0;
                int recordHits = 0;
                for (int q = 0; q < factQueries.size(); q++) {
                    int best = argMax(e.getValue()[q]);
                    contributorHits += copy.get(best).contributor().equals(factOwners.get(q)) ? 1 : 0;
                    recordHits += copy.get(best).id().equals(factRecords.get(q)) ? 1 : 0;
                }
                JsonObject m = new JsonObject();
                m.addProperty("contributorTop1", round((double) contributorHits / factQueries.size()));
                m.addProperty("recordTop1", round((double) recordHits / factQueries.size()));
                recall.add(e.getKey(), m);
            }
            result.add("plantedFactRecall", recall);
            if (EmbeddingCosine.available()) {
                result.add(
                        "retrievalPlantedFactRecall",
                        retrievalRecall(adapter, copy, factQueries, factOwners, factRecords));
            }
        }
        return result;
    }

    /** Records retrieved into each planted-fact question's prompt in the retrieval evaluation. */
    static final int RETRIEVAL_K = 4;

    /**
     * Planted facts with retrieval: every record (with the planted ones) in a MiniLM/HNSW index, each fact's
     * paraphrased question's {@link #RETRIEVAL_K} nearest records in the prompt's context block, and the fact's answer
     * attributed to them by exact leave-one-out. Reports how often the planted record is retrieved at all, how often it
     * (or its contributor) is top-1 by retrieval rank alone, and by leave-one-out under two adapters: the planted one
     * (trained without context, as the factory trains today) and one trained on the same records with their own
     * retrieved context in the prompt (retrieval-augmented fine-tuning), which learns to read its context.
     */
    private JsonObject retrievalRecall(
            Adapter adapter,
            List<Record> copy,
            List<InstructionPair> queries,
            List<String> owners,
            List<String> planted) {
        Map<String, String> contributorOf = new HashMap<>();
        List<String> texts = new ArrayList<>();
        for (Record r : copy) {
            contributorOf.put(r.id(), r.contributor());
            texts.add(r.pair().instruction() + "\n" + r.pair().response());
        }
        java.nio.file.Path dir = null;
        try {
            dir = java.nio.file.Files.createTempDirectory("retrieval-eval");
            long started = System.nanoTime();
            JsonObject r = new JsonObject();
            r.addProperty("k", RETRIEVAL_K);
            r.addProperty("embedder", Retrieval.miniLm().name());
            r.addProperty("method", Retrieval.LEAVE_ONE_OUT);
            try (RetrievalIndex index = Retrieval.build(dir.resolve("index"), ids(copy), texts, Retrieval.miniLm())) {
                List<List<RetrievedRecord>> found = new ArrayList<>();
                int retrieved = 0;
                int nearestRecord = 0;
                int nearestContributor = 0;
                for (int q = 0; q < queries.size(); q++) {
                    List<RetrievedRecord> f = index.search(queries.get(q).instruction(), RETRIEVAL_K);
                    found.add(f);
                    String plantedId = planted.get(q);
                    retrieved += f.stream().anyMatch(x -> x.id().equals(plantedId)) ? 1 : 0;
                    nearestRecord += f.get(0).id().equals(plantedId) ? 1 : 0;
                    nearestContributor += contributorOf.get(f.get(0).id()).equals(owners.get(q)) ? 1 : 0;
                }
                int n = queries.size();
                r.addProperty("plantedRetrieved", round((double) retrieved / n));
                r.addProperty("nearestRecordTop1", round((double) nearestRecord / n));
                r.addProperty("nearestContributorTop1", round((double) nearestContributor / n));
                r.add(
                        "adapterTrainedWithoutContext",
                        leaveOneOutRecall(adapter, queries, found, owners, planted, contributorOf));
                // The same records, each asked with its own retrieved context: the adapter learns to read it.
                List<InstructionPair> withContext = new ArrayList<>();
                for (Record c : copy) {
                    List<RetrievedRecord> f = index.search(c.pair().instruction(), RETRIEVAL_K);
                    withContext.add(new InstructionPair(
                            contextPrompt(f, c.pair().instruction()), c.pair().response()));
                }
                try (Adapter readsContext = train(examplesOf(withContext))) {
                    r.add(
                            "adapterTrainedWithRetrievedContext",
                            leaveOneOutRecall(readsContext, queries, found, owners, planted, contributorOf));
                }
            }
            r.addProperty("seconds", Math.round(seconds(started)));
            return r;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    /** The instruction with its context block first, as serving renders a retrieval version's chat. */
    private static String contextPrompt(List<RetrievedRecord> found, String question) {
        return Retrieval.context(found.stream().map(RetrievedRecord::text).toList()) + question.strip();
    }

    private JsonObject leaveOneOutRecall(
            Adapter adapter,
            List<InstructionPair> queries,
            List<List<RetrievedRecord>> found,
            List<String> owners,
            List<String> planted,
            Map<String, String> contributorOf) {
        int looRecord = 0;
        int looContributor = 0;
        long attributing = 0;
        for (int q = 0; q < queries.size(); q++) {
            String prompt = InstructionPair.prompt(
                    contextPrompt(found.get(q), queries.get(q).instruction()));
            long t = System.nanoTime();
            AttributionResult loo = Retrieval.attribute(
                    model, adapter, prompt, found.get(q), queries.get(q).response());
            attributing += System.nanoTime() - t;
            String top = loo.top().get(0).id();
            looRecord += top.equals(planted.get(q)) ? 1 : 0;
            looContributor += contributorOf.get(top).equals(owners.get(q)) ? 1 : 0;
        }
        int n = queries.size();
        JsonObject m = new JsonObject();
        m.addProperty("leaveOneOutRecordTop1", round((double) looRecord / n));
        m.addProperty("leaveOneOutContributorTop1", round((double) looContributor / n));
        m.addProperty("leaveOneOutMsPerAnswer", round(attributing / 1e6 / n));
        return m;
    }

    private static void deleteTree(java.nio.file.Path dir) {
        try (var files = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path p :
                    files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** AUC of positives against the clean original records (the other planted kind and the facts left out). */
    private static double aucAgainstClean(double[] scores, int original, Set<Integer> positives, Set<Integer> other) {
        List<Double> kept = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int i = 0; i < original; i++) {
            if (!other.contains(i)) {
                kept.add(scores[i]);
                labels.add(positives.contains(i));
            }
        }
        double[] v = new double[kept.size()];
        boolean[] p = new boolean[kept.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = kept.get(i);
            p[i] = labels.get(i);
        }
        return auc(v, p);
    }

    /** The response's words after "X is" in a random order: a corrupted record. */
    static String scramble(String response, Random random) {
        int at = response.indexOf(" is ");
        String head = at < 0 ? "" : response.substring(0, at + 4);
        List<String> words =
                new ArrayList<>(List.of(response.substring(head.length()).split(" ")));
        java.util.Collections.shuffle(words, random);
        return head + String.join(" ", words);
    }

    private static boolean hypernymStatement(String response) {
        return response.contains(" is a kind of ") || response.contains(" is a way to ");
    }

    /** "A rook is …" with another record's statement: the same subject word, a wrong definition. */
    static String mislabel(String response, String other) {
        int at = response.indexOf(" is ");
        int otherAt = other.indexOf(" is ");
        if (at < 0 || otherAt < 0) {
            return other;
        }
        return response.substring(0, at) + other.substring(otherAt);
    }

    private static String selfInfluenceName(GradientIndex.Method method) {
        switch (method) {
            case INFLUENCE:
            case NORMALIZED_INFLUENCE:
                return "self-influence-whole-fisher";
            case DATAINF:
            case NORMALIZED_DATAINF:
                return "self-influence-datainf";
            case LAYERWISE_INFLUENCE:
            case NORMALIZED_LAYERWISE_INFLUENCE:
                return "self-influence-layerwise";
            default:
                return "gradient-norm";
        }
    }

    /** Every method's score of every record for every query: method name to [query][record]. */
    private Map<String, double[][]> scoreAll(
            Adapter adapter,
            List<Record> records,
            List<TrainingExample> examples,
            List<InstructionPair> queries,
            List<TrainingExample> queryExamples) {
        GradientIndex index = GradientIndex.build(model, adapter, examples, ids(records), indexConfig());
        Map<String, double[][]> scores = new LinkedHashMap<>();
        List<ProjectedGradient> gradients = new ArrayList<>();
        GradientAttribution attribution = new GradientAttribution(model);
        try (LoraGradientProjection projection = index.projection(adapter)) {
            for (TrainingExample q : queryExamples) {
                gradients.add(attribution.projectedGradients(adapter, q, projection));
            }
        }
        for (GradientIndex.Method method : GradientIndex.Method.values()) {
            double[][] s = new double[queries.size()][];
            for (int q = 0; q < queries.size(); q++) {
                s[q] = index.scores(gradients.get(q), method);
            }
            scores.put(method.methodName(), s);
        }
        for (double damping : settings.dampingSweep()) {
            GradientIndex other = index.withDamping(damping);
            for (GradientIndex.Method method : List.of(
                    GradientIndex.Method.INFLUENCE,
                    GradientIndex.Method.DATAINF,
                    GradientIndex.Method.LAYERWISE_INFLUENCE,
                    GradientIndex.Method.NORMALIZED_LAYERWISE_INFLUENCE)) {
                double[][] s = new double[queries.size()][];
                for (int q = 0; q < queries.size(); q++) {
                    s[q] = other.scores(gradients.get(q), method);
                }
                scores.put(method.methodName() + SWEEP + damping, s);
            }
        }
        List<String> texts = new ArrayList<>();
        for (Record r : records) {
            texts.add(r.pair().instruction() + "\n" + r.pair().response());
        }
        Bm25Index bm25 = new Bm25Index(texts, ids(records));
        double[][] s = new double[queries.size()][];
        for (int q = 0; q < queries.size(); q++) {
            s[q] = bm25.scores(
                    queries.get(q).instruction() + "\n" + queries.get(q).response());
        }
        scores.put(BM25, s);
        if (EmbeddingCosine.available()) {
            EmbeddingCosine embeddings = new EmbeddingCosine(texts);
            double[][] e = new double[queries.size()][];
            for (int q = 0; q < queries.size(); q++) {
                e[q] = embeddings.scores(
                        queries.get(q).instruction() + "\n" + queries.get(q).response());
            }
            scores.put(EmbeddingCosine.METHOD, e);
        } else {
            log.println("MiniLM is not on the class path: no embedding-cosine baseline");
        }
        return scores;
    }

    /** Each subset's model's loss on each query: [subset][query]. */
    private double[][] retrain(
            List<TrainingExample> examples, List<TrainingExample> queries, List<BitSet> subsets, String what) {
        double[][] losses = new double[subsets.size()][];
        Map<BitSet, double[]> done = new HashMap<>();
        Evaluation evaluation = new Evaluation(model);
        for (int j = 0; j < subsets.size(); j++) {
            BitSet mask = subsets.get(j);
            double[] cached = done.get(mask);
            if (cached != null) {
                losses[j] = cached;
                continue;
            }
            List<TrainingExample> subset = new ArrayList<>();
            mask.stream().forEach(i -> subset.add(examples.get(i)));
            long t = System.nanoTime();
            Path cacheFile = cacheFile(examples, queries, mask);
            double[] fromCache = readCache(cacheFile, queries.size());
            if (fromCache != null) {
                losses[j] = fromCache;
                done.put(mask, fromCache);
                log.printf("%s %d/%d: from %s%n", what, j + 1, subsets.size(), cacheFile);
                continue;
            }
            try (Adapter adapter = train(subset)) {
                double[] l = new double[queries.size()];
                for (int q = 0; q < queries.size(); q++) {
                    l[q] = evaluation.loss(List.of(queries.get(q)), adapter, 1).loss();
                }
                losses[j] = l;
                done.put(mask, l);
                writeCache(cacheFile, l);
            }
            log.printf("%s %d/%d: %d records, %.1f s%n", what, j + 1, subsets.size(), subset.size(), seconds(t));
        }
        return losses;
    }

    /** Where a retraining's losses are kept, keyed by the recipe, the data and the subset (null: no cache). */
    private Path cacheFile(List<TrainingExample> examples, List<TrainingExample> queries, BitSet mask) {
        if (cache == null) {
            return null;
        }
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            String recipe = settings.rank() + "|" + settings.targets() + "|" + settings.epochs() + "|"
                    + settings.batchSize() + "|" + settings.learningRate() + "|" + settings.seed() + "|" + mask;
            digest.update(recipe.getBytes(StandardCharsets.UTF_8));
            for (List<TrainingExample> list : List.of(examples, queries)) {
                for (TrainingExample e : list) {
                    digest.update(Arrays.toString(e.tokens()).getBytes(StandardCharsets.US_ASCII));
                    digest.update(Arrays.toString(e.lossWeights()).getBytes(StandardCharsets.US_ASCII));
                }
            }
            return cache.resolve(java.util.HexFormat.of().formatHex(digest.digest()) + ".losses");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] readCache(Path file, int count) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            double[] v = Files.readAllLines(file).stream()
                    .filter(l -> !l.isBlank())
                    .mapToDouble(Double::parseDouble)
                    .toArray();
            return v.length == count ? v : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static void writeCache(Path file, double[] losses) {
        if (file == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (double l : losses) {
            sb.append(l).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the cache only saves time
        }
    }

    private Adapter train(List<TrainingExample> examples) {
        Adapter adapter = Adapter.create(
                model,
                AdapterConfig.of(settings.rank(), 2.0 * settings.rank(), 0.0, settings.targets()),
                settings.seed());
        int steps = Math.max(1, settings.epochs() * examples.size() / settings.batchSize());
        TrainingConfig config = TrainingConfig.builder()
                .maxSteps(steps)
                .batchSize(settings.batchSize())
                .learningRate(settings.learningRate())
                .warmupSteps(Math.min(5, steps / 10))
                .weightDecay(0)
                .validationFraction(0)
                .seed(settings.seed())
                .build();
        try {
            TrainingRun.fineTuning(model, adapter, TrainingData.of(examples), config)
                    .run();
        } catch (IOException e) {
            adapter.close();
            throw new IllegalStateException("Training failed: " + e.getMessage(), e);
        }
        return adapter;
    }

    private GradientIndexConfig indexConfig() {
        return new GradientIndexConfig(settings.dimension(), settings.seed(), settings.dampingRatio());
    }

    private List<TrainingExample> examples(List<Record> records) {
        List<InstructionPair> pairs = new ArrayList<>();
        records.forEach(r -> pairs.add(r.pair()));
        return examplesOf(pairs);
    }

    private List<TrainingExample> examplesOf(List<InstructionPair> pairs) {
        List<TrainingExample> examples = TrainingData.instructions(
                        tokenizer, pairs, model.config().contextLength())
                .examples();
        if (examples.size() != pairs.size()) {
            throw new IllegalStateException("Some records do not fit the context");
        }
        return examples;
    }

    private static List<String> ids(List<Record> records) {
        List<String> ids = new ArrayList<>();
        records.forEach(r -> ids.add(r.id()));
        return ids;
    }

    /** Mean over queries of Spearman(Σ_{i∈S_j} τ(q, i), −loss_j(q)) over the subsets j. */
    static double lds(double[][] scores, List<BitSet> subsets, double[][] losses) {
        double sum = 0;
        int counted = 0;
        for (int q = 0; q < scores.length; q++) {
            double[] predicted = new double[subsets.size()];
            double[] actual = new double[subsets.size()];
            for (int j = 0; j < subsets.size(); j++) {
                double s = 0;
                BitSet mask = subsets.get(j);
                for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
                    s += scores[q][i];
                }
                predicted[j] = s;
                actual[j] = -losses[j][q];
            }
            double rho = spearman(predicted, actual);
            if (!Double.isNaN(rho)) {
                sum += rho;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    static double spearman(double[] a, double[] b) {
        return pearson(ranks(a), ranks(b));
    }

    /** Ranks with ties averaged. */
    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
        double[] ranks = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** The probability that a positive scores above a negative (ties count half): Mann–Whitney. */
    static double auc(double[] scores, boolean[] positive) {
        double[] ranks = ranks(scores);
        double positives = 0;
        double rankSum = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i]) {
                positives++;
                rankSum += ranks[i] + 1;
            }
        }
        double negatives = scores.length - positives;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    private static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static BitSet randomHalf(int n, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        BitSet mask = new BitSet();
        order.subList(0, n / 2).forEach(mask::set);
        return mask;
    }

    /** Each of n members in with probability 1/2, at least one in. */
    private static BitSet randomHalfOrAny(int n, Random random) {
        BitSet in;
        do {
            in = new BitSet();
            for (int i = 0; i < n; i++) {
                if (random.nextBoolean()) {
                    in.set(i);
                }
            }
        } while (in.isEmpty());
        return in;
    }

    private static final String[] SYLLABLES = {
        "bla", "vor", "kin", "zu", "mer", "tal", "quo", "ris", "den", "pha", "lum", "gor", "sel", "nix", "tre", "wob"
    };
    private static final String[] COLOURS = {"violet", "silver", "striped", "speckled", "golden", "pale green"};
    private static final String[] THINGS = {"lizard", "mushroom", "beetle", "moss", "songbird", "river crab"};
    private static final String[] PLACES = {
        "the Kesh valley", "Lake Omvar", "the Tirren cliffs", "northern Balsk", "the Vell marshes", "Mount Quarran"
    };

    private static String inventedWord(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < 3; s++) {
            sb.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return sb.toString();
    }

    private JsonObject settingsJson(int records, List<String> contributors, int queries) {
        JsonObject s = new JsonObject();
        s.addProperty("records", records);
        JsonArray cs = new JsonArray();
        contributors.forEach(cs::add);
        s.add("contributors", cs);
        s.addProperty("queries", queries);
        s.addProperty(
                "lora",
                "rank " + settings.rank() + ", alpha " + 2 * settings.rank() + ", dropout 0, targets "
                        + settings.targets());
        s.addProperty(
                "training",
                settings.epochs() + " epochs, batch " + settings.batchSize() + ", lr "
                        + settings.learningRate() + ", AdamW, weight decay 0, same adapter init and seed "
                        + settings.seed() + " for every retraining");
        s.addProperty("projectionDimension", settings.dimension());
        s.addProperty("dampingRatio", settings.dampingRatio());
        s.addProperty("mislabeledFraction", settings.mislabeledFraction());
        s.addProperty("factsPerContributor", settings.factsPerContributor());
        return s;
    }

    private static List<JsonObject> readJson(Path file) throws IOException {
        List<JsonObject> result = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                result.add(JsonParser.parseString(line).getAsJsonObject());
            }
        }
        return result;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10000) / 10000.0;
    }
}
