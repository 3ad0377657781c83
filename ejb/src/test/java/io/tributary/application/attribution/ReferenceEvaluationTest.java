package io.tributary.application.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tributary.application.attribution.AttributionQuality.Basis;
import io.tributary.application.attribution.AttributionQuality.QualityView;
import io.tributary.application.attribution.ReferenceEvaluation.Figures;
import io.tributary.application.attribution.ReferenceEvaluation.Goal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shipped reference evaluation read as the goals; an unmet goal stays listed as not met. */
class ReferenceEvaluationTest {

    @Test
    void theShippedResourcesAreThePublishedEvaluationUnchanged() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        assertThat(ReferenceEvaluation.class
                        .getResourceAsStream("reference-fidelity.json")
                        .readAllBytes())
                .isEqualTo(Files.readAllBytes(repository.resolve(ReferenceEvaluation.SOURCE)));
        assertThat(ReferenceEvaluation.class
                        .getResourceAsStream("reference-speed.json")
                        .readAllBytes())
                .isEqualTo(Files.readAllBytes(repository.resolve(ReferenceEvaluation.SPEED_SOURCE)));
        assertThat(ReferenceEvaluation.class
                        .getResourceAsStream("reference-retrieval.json")
                        .readAllBytes())
                .isEqualTo(Files.readAllBytes(repository.resolve(ReferenceEvaluation.RETRIEVAL_SOURCE)));
    }

    @Test
    void theDefaultMethodsFiguresAndGoalsAreThoseOfThePublishedRun() {
        Figures f = ReferenceEvaluation.forDefaultMethod();
        assertThat(f.method()).isEqualTo("lora-layerwise-influence-normalized");
        assertThat(f.recordLds()).isCloseTo(0.684, within(0.001));
        assertThat(f.contributorLds()).isCloseTo(0.763, within(0.001));
        assertThat(f.bm25RecordLds()).isCloseTo(0.627, within(0.001));
        assertThat(f.gradientCosineRecordLds()).isCloseTo(0.378, within(0.001));
        assertThat(f.plantedFactTop1()).isEqualTo(1.0);
        assertThat(f.scrambledAuc()).isCloseTo(0.981, within(0.001));
        assertThat(f.mislabeledAuc()).isCloseTo(0.580, within(0.001));
        assertThat(f.scoringP95Ms()).isCloseTo(29.4, within(0.1));
        assertThat(f.goals())
                .extracting(Goal::key, Goal::met)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("record-lds", true),
                        org.assertj.core.groups.Tuple.tuple("contributor-lds", true),
                        org.assertj.core.groups.Tuple.tuple("planted-facts", true),
                        org.assertj.core.groups.Tuple.tuple("corrupted-records", true),
                        org.assertj.core.groups.Tuple.tuple("mislabeled-records", false),
                        org.assertj.core.groups.Tuple.tuple("scoring-speed", true));
        assertThat(f.goals().get(0).reached()).isEqualTo("0.684 (BM25 0.627, gradient cosine 0.378)");
        assertThat(f.measuredOn()).contains("240 records").contains("50 random halves");
    }

    @Test
    void aMethodBelowABaselineMissesTheRecordGoalEvenAbove055() {
        JsonObject fidelity = json(
                "{\"date\":\"2026-12-06T07:39:26Z\",\"settings\":{\"records\":10,\"contributors\":[\"a\"],"
                        + "\"queries\":2,\"lora\":\"rank 4\",\"training\":\"1 epoch\"},\"lds\":{\"recordSubsets\":50,"
                        + "\"contributorSubsets\":50,\"distinctContributorSubsets\":1,\"byMethod\":{"
                        + "\"m\":{\"recordLevel\":0.6,\"contributorLevel\":0.69},"
                        + "\"bm25\":{\"recordLevel\":0.65,\"contributorLevel\":0.6},"
                        + "\"gradient-cosine\":{\"recordLevel\":0.4,\"contributorLevel\":0.4}}},"
                        + "\"planted\":{\"mislabeled\":1,\"scrambled\":1,\"facts\":4,\"plantedFactRecall\":{\"m\":{\"contributorTop1\":0.9}},"
                        + "\"mislabeledAuc\":{\"self-influence-whole-fisher\":{\"mislabeled\":0.95,\"scrambled\":0.5}}}}");
        Figures f = ReferenceEvaluation.of(fidelity, null, "m");
        assertThat(f.goals()).extracting(Goal::met).containsExactly(false, false, false, false, true);
    }

    @Test
    void aVersionOnTheShippedBaseIsLabelledReferenceAndOnAnotherBaseSaysItWasNotEvaluated() {
        UUID id = UUID.randomUUID();
        QualityView same = AttributionQuality.view(id, ReferenceEvaluation.BASE_SHA256);
        assertThat(same.basis()).isEqualTo(Basis.REFERENCE);
        assertThat(same.basisLabel()).startsWith("Reference evaluation of the shipped base and the default recipe");
        assertThat(same.goalsMet()).isEqualTo(5);
        assertThat(same.goals()).hasSize(6);
        assertThat(same.methodTitle()).isEqualTo("Normalized layer-wise influence");
        QualityView other = AttributionQuality.view(id, "00".repeat(32));
        assertThat(other.basis()).isEqualTo(Basis.REFERENCE_OTHER_BASE);
        assertThat(other.basisLabel()).contains("has not been evaluated");
    }

    @Test
    void aMethodVersionReadsInWords() {
        assertThat(AttributionQuality.versionInWords("2;k=256;seed=20261206;damping=0.1"))
                .isEqualTo("Index format 2, gradients projected to 256 numbers, projection seed 20261206,"
                        + " damping ratio 0.1");
        assertThat(ReferenceEvaluation.defaultMethodVersion()).isEqualTo("2;k=256;seed=20261206;damping=0.1");
    }

    @Test
    void aRetrievalMethodReadsInWords() {
        assertThat(AttributionQuality.title("retrieval-leave-one-out"))
                .isEqualTo("Leave-one-out over the retrieved records");
        assertThat(AttributionQuality.versionInWords("method=1;records=3;passes=4;answer-tokens=128;context-block=1"))
                .isEqualTo("Version 1, 3 records retrieved into the prompt, 4 forward passes, answers read up to 128"
                        + " tokens, context block format 1");
    }

    @Test
    void aRetrievalVersionShowsItsOwnMethodAndFiguresNotTheGradientOnes() {
        QualityView q = AttributionQuality.retrievalView(null, ReferenceEvaluation.BASE_SHA256, 3);
        assertThat(q.method()).isEqualTo("retrieval-leave-one-out");
        assertThat(q.basisLabel()).contains("retrieval with leave-one-out").doesNotContain("another one");
        assertThat(q.methodVersionInWords()).isEqualTo("Version 1, 3 records retrieved into the prompt");
        assertThat(q.goals())
                .extracting(ReferenceEvaluation.Goal::key, ReferenceEvaluation.Goal::met)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("planted-facts", true),
                        org.assertj.core.groups.Tuple.tuple("record-lds", false));
        assertThat(q.goals().get(0).reached()).startsWith("96 %").contains("100 %");
        assertThat(q.goalsMet()).isEqualTo(1);
        assertThat(q.machine()).contains("2 cores");
        assertThat(AttributionQuality.retrievalView(null, "0".repeat(64), 3).basis())
                .isEqualTo(Basis.REFERENCE_OTHER_BASE);
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
