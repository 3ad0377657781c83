package io.tributary.application.attribution;

import io.tributary.training.attribution.GradientIndex;
import io.tributary.training.attribution.GradientIndexConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The published attribution evaluation of the shipped base with the default recipe (the evaluation command's JSON,
 * {@code model-training/bench/2026-12-06-attribution-fidelity.json}, and its scoring-speed companion, shipped with the
 * application as resources) read as the goals, each met or not. Pure: no server needed.
 */
public final class ReferenceEvaluation {

    /** Where the figures come from, as the repository names them. */
    public static final String SOURCE = "model-training/bench/2026-12-06-attribution-fidelity.json";

    public static final String SPEED_SOURCE = "model-training/bench/2026-12-06-attribution-speed.json";

    /**
     * SHA-256 of the shipped base's {@code model.safetensors} the evaluation ran on (the JSON names the folder only).
     * A version on another base is shown these figures labelled as measured on another base; rerun the evaluation and
     * update this when the shipped base changes.
     */
    public static final String BASE_SHA256 = "9d26ad66356c0cc3954b822a2be20db5f3b800d8180d9bece4d8d6d831e9aff5";

    /** One goal of the issue and what the evaluation reached. */
    public record Goal(String key, String goal, String reached, boolean met) {}

    /** The evaluation read for one method. */
    public record Figures(
            String method,
            Instant measuredAt,
            String measuredOn,
            String machine,
            double recordLds,
            double contributorLds,
            double bm25RecordLds,
            double gradientCosineRecordLds,
            double plantedFactTop1,
            double scrambledAuc,
            double mislabeledAuc,
            Double scoringP95Ms,
            List<Goal> goals) {}

    private static final JsonObject FIDELITY = read("reference-fidelity.json");
    private static final JsonObject SPEED = read("reference-speed.json");
    private static final JsonObject RETRIEVAL = read("reference-retrieval.json");

    public static final String RETRIEVAL_SOURCE = "model-training/bench/2026-12-06-retrieval-planted.json";

    private ReferenceEvaluation() {}

    /** The shipped evaluation's figures for the platform's default method. */
    public static Figures forDefaultMethod() {
        return of(FIDELITY, SPEED, GradientIndex.Method.defaultMethod().methodName());
    }

    /**
     * The figures for retrieval-augmented versions (leave-one-out over the records in the prompt): only planted-fact
     * recall was measured; record-level LDS retrains on halves of the training data, which a retrieval answer does not
     * depend on in the same way, so it is listed as not measured (and not met).
     */
    public static List<Goal> forRetrieval() {
        JsonObject r = RETRIEVAL.getJsonObject("planted").getJsonObject("retrievalPlantedFactRecall");
        // The factory trains adapters without retrieved context, so that is the figure a published version gets.
        JsonObject asPublished = r.getJsonObject("adapterTrainedWithoutContext");
        double facts = number(asPublished, "leaveOneOutContributorTop1");
        return List.of(
                new Goal(
                        "planted-facts",
                        "A fact only one contributor supplied is credited to that contributor first, in at least 95 %"
                                + " of cases",
                        percent(facts) + " (the planted record was among the " + r.getInt("k")
                                + " retrieved records in " + percent(number(r, "plantedRetrieved")) + " of cases)",
                        facts >= 0.95),
                new Goal(
                        "record-lds",
                        "Record-level linear datamodeling score (LDS) at least 0.55",
                        "not measured for retrieval versions",
                        false));
    }

    /** When the retrieval figures were measured. */
    public static Instant retrievalMeasuredAt() {
        return Instant.parse(RETRIEVAL.getString("date"));
    }

    /** The machine the retrieval figures were measured on. */
    public static String retrievalMachine() {
        return machine(RETRIEVAL.getJsonObject("machine"));
    }

    /** The version string the platform's indexes write for the default method (format 2, default config). */
    public static String defaultMethodVersion() {
        GradientIndexConfig c = GradientIndexConfig.defaults();
        return "2;k=" + c.dimension() + ";seed=" + c.seed() + ";damping=" + c.dampingRatio();
    }

    /** Reads one method's figures from an evaluation JSON and an optional speed JSON, and judges the goals. */
    static Figures of(JsonObject fidelity, JsonObject speed, String method) {
        JsonObject lds = fidelity.getJsonObject("lds").getJsonObject("byMethod");
        JsonObject own = lds.getJsonObject(method);
        if (own == null) throw new IllegalArgumentException("The evaluation has no figures for " + method);
        double record = number(own, "recordLevel");
        double contributor = number(own, "contributorLevel");
        double bm25 = number(lds.getJsonObject("bm25"), "recordLevel");
        double cosine = number(lds.getJsonObject("gradient-cosine"), "recordLevel");
        JsonObject planted = fidelity.getJsonObject("planted");
        double facts = number(planted.getJsonObject("plantedFactRecall").getJsonObject(method), "contributorTop1");
        JsonObject auc = planted.getJsonObject("mislabeledAuc").getJsonObject(selfInfluenceOf(method));
        double scrambled = number(auc, "scrambled");
        double mislabeled = number(auc, "mislabeled");
        Double p95 = null;
        if (speed != null) {
            for (JsonValue v : speed.getJsonObject("attribution").getJsonArray("methods")) {
                if (v.asJsonObject().getString("method").equals(method)) p95 = number(v.asJsonObject(), "p95Ms");
            }
        }
        List<Goal> goals = new ArrayList<>();
        goals.add(new Goal(
                "record-lds",
                "Record-level linear datamodeling score (LDS) at least 0.55, and above BM25's and gradient cosine's",
                two(record) + " (BM25 " + two(bm25) + ", gradient cosine " + two(cosine) + ")",
                record >= 0.55 && record > bm25 && record > cosine));
        goals.add(new Goal(
                "contributor-lds", "Contributor-level LDS at least 0.7", two(contributor), contributor >= 0.7));
        goals.add(new Goal(
                "planted-facts",
                "A fact only one contributor supplied is credited to that contributor first, in at least 95 % of cases",
                percent(facts),
                facts >= 0.95));
        goals.add(new Goal(
                "corrupted-records",
                "Corrupted (scrambled) records told from clean ones, AUC at least 0.9",
                two(scrambled),
                scrambled >= 0.9));
        goals.add(new Goal(
                "mislabeled-records",
                "Mislabeled records (fluent but wrong facts) told from clean ones, AUC at least 0.9",
                two(mislabeled),
                mislabeled >= 0.9));
        if (p95 != null) {
            goals.add(new Goal(
                    "scoring-speed",
                    "Scoring one answer against 10,000 training records, 95th percentile under 200 ms on 2 cores",
                    String.format(Locale.ROOT, "%.1f ms", p95),
                    p95 < 200));
        }
        return new Figures(
                method,
                Instant.parse(fidelity.getString("date")),
                measuredOn(fidelity),
                machine(fidelity.getJsonObject("machine")),
                record,
                contributor,
                bm25,
                cosine,
                facts,
                scrambled,
                mislabeled,
                p95,
                List.copyOf(goals));
    }

    /** The self-influence score that goes with a method's preconditioner. */
    static String selfInfluenceOf(String method) {
        if (method.contains("layerwise")) return "self-influence-layerwise";
        if (method.contains("datainf")) return "self-influence-datainf";
        return "self-influence-whole-fisher";
    }

    private static String measuredOn(JsonObject f) {
        JsonObject s = f.getJsonObject("settings");
        JsonObject lds = f.getJsonObject("lds");
        JsonObject planted = f.getJsonObject("planted");
        JsonObject retrainings = f.getJsonObject("retrainings");
        return String.format(
                Locale.ROOT,
                "%d records of the demo instruction data from %d contributors, %d paraphrased questions; adapters"
                        + " with LoRA %s, %s; record-level LDS over %d random halves of the records, contributor-level"
                        + " over %d contributor subsets (%d distinct)%s; %d planted wrong or scrambled records and %d"
                        + " planted facts in a copy of the data.",
                s.getInt("records"),
                s.getJsonArray("contributors").size(),
                s.getInt("queries"),
                s.getString("lora"),
                s.getString("training"),
                lds.getInt("recordSubsets"),
                lds.getInt("contributorSubsets"),
                lds.getInt("distinctContributorSubsets"),
                retrainings == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", %d retrainings in %d s",
                                retrainings.getInt("distinctRetrainings"),
                                retrainings.getInt("totalSeconds")),
                planted.getInt("mislabeled") + planted.getInt("scrambled"),
                planted.getInt("facts"));
    }

    private static String machine(JsonObject m) {
        return m == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        "%d cores (%s), %d GiB, %s, Java %s",
                        m.getInt("cores"),
                        m.getString("cpu", "?"),
                        m.getInt("memoryGiB"),
                        m.getString("os", "?"),
                        m.getString("java", "?"));
    }

    private static double number(JsonObject o, String key) {
        if (o == null || !o.containsKey(key)) throw new IllegalArgumentException("The evaluation lacks " + key);
        return o.getJsonNumber(key).doubleValue();
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.0f %%", v * 100);
    }

    static JsonObject read(String resource) {
        try (InputStream in = ReferenceEvaluation.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("Missing resource " + resource);
            try (var reader = Json.createReader(in)) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
