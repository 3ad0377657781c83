package io.tributary.training.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class Bm25IndexTest {

    private static final List<String> TEXTS = List.of(
            "The river floods the valley every spring.",
            "Copper wire conducts electricity; the wire is cheap.",
            "Bees make honey from the nectar of flowers.",
            "The valley has a river, and the river has fish.");
    private static final List<String> IDS = List.of("r0", "r1", "r2", "r3");

    @Test
    void exactCopyOfARecordRanksFirst() {
        Bm25Index index = new Bm25Index(TEXTS, IDS);
        for (int i = 0; i < TEXTS.size(); i++) {
            AttributionResult result = index.score(TEXTS.get(i), 2);
            assertThat(result.top().get(0).id()).isEqualTo(IDS.get(i));
            assertThat(result.method()).isEqualTo("bm25");
            assertThat(result.top()).hasSize(2);
        }
    }

    @Test
    void rareTermsOutweighCommonOnesAndUnknownWordsScoreNothing() {
        Bm25Index index = new Bm25Index(TEXTS, IDS);
        double[] scores = index.scores("HONEY the");
        // "the" occurs in every record, "honey" only in r2.
        assertThat(scores[2]).isGreaterThan(scores[0]).isGreaterThan(0);
        assertThat(index.scores("zebra quantum")).containsOnly(0.0);
        assertThat(Bm25Index.terms("Don't stop, 2 go!")).containsExactly("don", "t", "stop", "2", "go");
    }

    @Test
    void rejectsDuplicateIdsAndBadTopK() {
        assertThatThrownBy(() -> new Bm25Index(List.of("a", "b"), List.of("x", "x")))
                .hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> new Bm25Index(TEXTS, IDS).score("river", 0)).hasMessageContaining("topK");
    }
}
