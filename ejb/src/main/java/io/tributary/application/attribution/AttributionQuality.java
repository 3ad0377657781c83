package io.tributary.application.attribution;

import io.tributary.application.Actor;
import io.tributary.application.NotFound;
import io.tributary.application.attribution.ReferenceEvaluation.Figures;
import io.tributary.application.attribution.ReferenceEvaluation.Goal;
import io.tributary.application.factory.TrainedRuns;
import io.tributary.application.factory.TrainedRuns.PublishedVersion;
import io.tributary.training.attribution.GradientIndex;
import io.tributary.training.retrieval.Retrieval;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A published model version's attribution quality: the method that attributes its answers (named and versioned in
 * words) and how faithful that method measured, against each of the goals, met or not. No version has an
 * evaluation of its own yet, so the figures are the reference evaluation of the shipped base and the default recipe,
 * always labelled as such; an unmet goal is listed like the met ones. Public, like the fee split.
 */
@Stateless
public class AttributionQuality {

    /** Whose figures these are. */
    public enum Basis {
        /** The reference evaluation, run on the same base as this version with the default recipe. */
        REFERENCE,
        /** The reference evaluation, run on another base than this version's: this base was not evaluated. */
        REFERENCE_OTHER_BASE
    }

    /**
     * A version's attribution quality.
     *
     * @param basisLabel says in words whose evaluation the figures come from
     * @param measuredOn the data, recipe and protocol the figures were measured on
     * @param goalsMet how many of {@code goals} are met (the others are listed as not met)
     */
    public record QualityView(
            UUID modelVersionId,
            String method,
            String methodTitle,
            String methodDescription,
            String methodVersion,
            String methodVersionInWords,
            Basis basis,
            String basisLabel,
            String evaluatedBaseSha256,
            Instant measuredAt,
            String measuredOn,
            String machine,
            String source,
            List<Goal> goals,
            int goalsMet) {}

    @Inject
    TrainedRuns runs;

    /** For any signed-in member or key: the figures are public; an unknown version is not found. */
    public QualityView of(Actor actor, UUID modelVersionId) {
        actor.requireTenant();
        PublishedVersion version =
                modelVersionId == null ? null : runs.version(modelVersionId).orElse(null);
        if (version == null) throw new NotFound("No model version " + modelVersionId + ".");
        return version.retrievalTopK() == null
                ? view(modelVersionId, version.baseSha256())
                : retrievalView(modelVersionId, version.baseSha256(), version.retrievalTopK());
    }

    /** A retrieval-augmented version: leave-one-out over its retrieved records, with that method's own figures. */
    static QualityView retrievalView(UUID modelVersionId, String baseSha256, int topK) {
        List<Goal> goals = ReferenceEvaluation.forRetrieval();
        boolean sameBase = ReferenceEvaluation.BASE_SHA256.equalsIgnoreCase(baseSha256);
        String version = "method=1;records=" + topK;
        return new QualityView(
                modelVersionId,
                Retrieval.LEAVE_ONE_OUT,
                title(Retrieval.LEAVE_ONE_OUT),
                description(Retrieval.LEAVE_ONE_OUT),
                version,
                versionInWords(version),
                sameBase ? Basis.REFERENCE : Basis.REFERENCE_OTHER_BASE,
                "Reference evaluation of retrieval with leave-one-out on the shipped base (4 records retrieved), not"
                        + " of this version itself"
                        + (sameBase ? "" : "; this version's base is another one and has not been evaluated"),
                ReferenceEvaluation.BASE_SHA256,
                ReferenceEvaluation.retrievalMeasuredAt(),
                "264 records of the demo instruction data with 24 planted facts, each supplied by one contributor;"
                        + " questions about the facts answered with the 4 records nearest in meaning in the prompt.",
                ReferenceEvaluation.retrievalMachine(),
                ReferenceEvaluation.RETRIEVAL_SOURCE,
                goals,
                (int) goals.stream().filter(Goal::met).count());
    }

    /** The quality of a version on the base with this SHA-256 (pure; pages and the API go through {@link #of}). */
    static QualityView view(UUID modelVersionId, String baseSha256) {
        Figures f = ReferenceEvaluation.forDefaultMethod();
        boolean sameBase = ReferenceEvaluation.BASE_SHA256.equalsIgnoreCase(baseSha256);
        String version = ReferenceEvaluation.defaultMethodVersion();
        return new QualityView(
                modelVersionId,
                f.method(),
                title(f.method()),
                description(f.method()),
                version,
                versionInWords(version),
                sameBase ? Basis.REFERENCE : Basis.REFERENCE_OTHER_BASE,
                sameBase
                        ? "Reference evaluation of the shipped base and the default recipe, not of this version itself"
                        : "Reference evaluation of the shipped base and the default recipe; this version's base is"
                                + " another one and has not been evaluated, so its fidelity may differ",
                ReferenceEvaluation.BASE_SHA256,
                f.measuredAt(),
                f.measuredOn(),
                f.machine(),
                ReferenceEvaluation.SOURCE,
                f.goals(),
                (int) f.goals().stream().filter(Goal::met).count());
    }

    /** A method's name for people. */
    public static String title(String method) {
        if (Retrieval.LEAVE_ONE_OUT.equals(method)) return "Leave-one-out over the retrieved records";
        if (Retrieval.ABLATION_LASSO.equals(method)) {
            return "Ablations of the retrieved records with a sparse linear fit (ContextCite-style)";
        }
        for (GradientIndex.Method m : GradientIndex.Method.values()) {
            if (!m.methodName().equals(method)) continue;
            return switch (m) {
                case INFLUENCE -> "Influence with the whole-model Fisher";
                case NORMALIZED_INFLUENCE -> "Normalized influence with the whole-model Fisher";
                case GRADIENT_COSINE -> "Gradient cosine (baseline)";
                case GRADIENT_DOT -> "Gradient dot product (TracIn, baseline)";
                case DATAINF -> "DataInf";
                case NORMALIZED_DATAINF -> "Normalized DataInf";
                case LAYERWISE_INFLUENCE -> "Layer-wise influence";
                case NORMALIZED_LAYERWISE_INFLUENCE -> "Normalized layer-wise influence";
            };
        }
        return method;
    }

    /** What a method does, in a sentence. */
    public static String description(String method) {
        if (method.startsWith("retrieval-")) {
            return "The answer read records retrieved from the model's DataNets in its prompt; each is scored by how"
                    + " much less likely the answer becomes without it (the model run once per record left out);"
                    + " the best-scoring records shape the credit.";
        }
        String preconditioner = method.contains("layerwise")
                ? "preconditioned by the exact damped Fisher inverse of each adapted layer"
                : method.contains("datainf")
                        ? "preconditioned by DataInf's closed-form approximation per adapted layer"
                        : method.contains("influence") ? "preconditioned by the damped whole-model Fisher inverse" : "";
        String base = "Compares the answer's loss gradient with each training record's, over the LoRA adapter's"
                + " parameters (projected once at the end of training)";
        String normalized = method.endsWith("-normalized") || method.equals("gradient-cosine")
                ? ", at unit length so that a record's gradient size does not decide its rank"
                : "";
        return base + (preconditioner.isEmpty() ? "" : ", " + preconditioner) + normalized
                + "; the best-scoring records shape the credit.";
    }

    /** "2;k=256;seed=20261206;damping=0.1" as people read it. */
    public static String versionInWords(String version) {
        if (version == null || version.isBlank()) return "";
        StringBuilder words = new StringBuilder();
        for (String part : version.split(";")) {
            String[] kv = part.split("=", 2);
            String piece;
            if (kv.length == 1) piece = "index format " + kv[0];
            else
                piece = switch (kv[0]) {
                    case "k" -> "gradients projected to " + kv[1] + " numbers";
                    case "seed" -> "projection seed " + kv[1];
                    case "damping" -> "damping ratio " + kv[1];
                    case "method" -> "version " + kv[1];
                    case "records" -> kv[1] + " records retrieved into the prompt";
                    case "passes" -> kv[1] + " forward passes";
                    case "masks" -> kv[1] + " random ablations";
                    case "l1" -> "lasso penalty " + kv[1];
                    case "answer-tokens" -> "answers read up to " + kv[1] + " tokens";
                    case "context-block" -> "context block format " + kv[1];
                    default -> kv[0] + " " + kv[1];
                };
            words.append(words.length() == 0 ? "" : ", ").append(piece);
        }
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
