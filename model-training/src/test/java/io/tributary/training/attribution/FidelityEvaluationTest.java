package io.tributary.training.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FidelityEvaluationTest {

    @Test
    void spearmanIsOneForAnyIncreasingMapAndAveragesTies() {
        assertThat(FidelityEvaluation.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 300, 4000}))
                .isCloseTo(1, within(1e-12));
        assertThat(FidelityEvaluation.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}))
                .isCloseTo(-1, within(1e-12));
        assertThat(FidelityEvaluation.ranks(new double[] {5, 1, 5, 0})).containsExactly(2.5, 1, 2.5, 0);
    }

    @Test
    void aucCountsPositivesRankedAboveNegatives() {
        boolean[] positive = {true, false, true, false};
        assertThat(FidelityEvaluation.auc(new double[] {9, 1, 8, 2}, positive)).isEqualTo(1.0);
        assertThat(FidelityEvaluation.auc(new double[] {1, 9, 2, 8}, positive)).isEqualTo(0.0);
        assertThat(FidelityEvaluation.auc(new double[] {9, 5, 1, 5}, positive)).isEqualTo(0.5);
    }

    @Test
    void ldsIsOneWhenSummedScoresOrderTheSubsetsLikeTheLosses() {
        // record 0 helps the query a lot, record 1 a little, record 2 hurts: loss = 3 - 2·[0] - [1] + [2]
        double[][] scores = {{2, 1, -1}};
        List<BitSet> subsets = List.of(bits(0), bits(1), bits(2), bits(0, 1), bits(1, 2));
        double[][] losses = new double[subsets.size()][1];
        for (int j = 0; j < subsets.size(); j++) {
            BitSet s = subsets.get(j);
            losses[j][0] = 3 - 2 * (s.get(0) ? 1 : 0) - (s.get(1) ? 1 : 0) + (s.get(2) ? 1 : 0);
        }
        assertThat(FidelityEvaluation.lds(scores, subsets, losses)).isCloseTo(1, within(1e-12));
        assertThat(FidelityEvaluation.lds(new double[][] {{-2, -1, 1}}, subsets, losses))
                .isCloseTo(-1, within(1e-12));
    }

    @Test
    void mislabelKeepsTheSubjectWordAndTakesTheOtherStatement() {
        assertThat(FidelityEvaluation.mislabel("A rook is a kind of corvine bird.", "A fig is a kind of edible fruit."))
                .isEqualTo("A rook is a kind of edible fruit.");
        assertThat(FidelityEvaluation.mislabel("To waft is to float gently.", "A fig is a sweet fruit."))
                .isEqualTo("To waft is a sweet fruit.");
    }

    @Test
    void scrambleKeepsTheSubjectAndTheWordsInAnotherOrder() {
        String original = "A rook is common gregarious Old World bird about the size of the crow.";
        String scrambled = FidelityEvaluation.scramble(original, new java.util.Random(3));
        assertThat(scrambled).startsWith("A rook is ").isNotEqualTo(original);
        assertThat(scrambled.split(" ")).containsExactlyInAnyOrder(original.split(" "));
    }

    private static BitSet bits(int... members) {
        BitSet b = new BitSet();
        for (int m : members) {
            b.set(m);
        }
        return b;
    }
}
