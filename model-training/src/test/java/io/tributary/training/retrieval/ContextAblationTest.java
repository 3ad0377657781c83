package io.tributary.training.retrieval.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContextAblationTest {

    /** A made-up log-likelihood: record 2 adds 3 nats, record 0 adds 1, the others nothing, plus an interaction. */
    private static double planted(List<Integer> kept) {
        double y = -10;
        if (kept.contains(2)) y += 3;
        if (kept.contains(0)) y += 1;
        if (kept.contains(0) && kept.contains(2)) y += 0.5;
        return y;
    }

    @Test
    void leaveOneOutIsTheDropWhenEachRecordIsRemoved() {
        double[] scores = ContextAblation.leaveOneOut(4, ContextAblationTest::planted);
        assertThat(scores).containsExactly(1.5, 0, 3.5, 0);
    }

    @Test
    void theLassoSurrogateRecoversTheAdditiveEffectsAndZeroesTheRest() {
        double[] w = ContextAblation.surrogate(12, 48, 7, 0.01, ContextAblationTest::planted);
        assertThat(w[2]).isCloseTo(3.25, offset(0.3));
        assertThat(w[0]).isCloseTo(1.25, offset(0.3));
        for (int i : new int[] {1, 3, 4, 5, 6, 7, 8, 9, 10, 11})
            assertThat(Math.abs(w[i])).isLessThan(0.2);
        assertThat(ContextAblation.surrogate(12, 48, 7, 0.01, ContextAblationTest::planted))
                .containsExactly(w);
    }
}
