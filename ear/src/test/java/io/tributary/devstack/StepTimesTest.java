package io.tributary.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepTimesTest {

    private static final double TOKENS_PER_STEP = 100;

    /** Cumulative rates of a run whose steps take the given seconds: r_k = k·c / (sum of the first k steps). */
    private static double[] rates(double[] seconds) {
        double[] rates = new double[seconds.length];
        double elapsed = 0;
        for (int k = 1; k <= seconds.length; k++) {
            elapsed += seconds[k - 1];
            rates[k - 1] = k * TOKENS_PER_STEP / elapsed;
        }
        return rates;
    }

    /** Five slow warm-up steps of 1 s, then 0.5 s steps, every tenth 0.7 s (it checkpoints). */
    private static double[] run() {
        double[] seconds = new double[20];
        for (int k = 1; k <= 20; k++) {
            seconds[k - 1] = k <= 5 ? 1.0 : k % 10 == 0 ? 0.7 : 0.5;
        }
        return rates(seconds);
    }

    @Test
    void theSteadyRateLeavesTheWarmUpOut() {
        // Steps 6..20: thirteen plain steps and two checkpoints, 7.9 s for 1,500 tokens.
        assertThat(StepTimes.steadyRate(run(), 5, 20)).isCloseTo(1500 / 7.9, within(1e-9));
        // Over the whole run the slow start counts: 2,000 tokens in 12.9 s.
        assertThat(StepTimes.steadyRate(run(), 0, 20)).isCloseTo(2000 / 12.9, within(1e-9));
    }

    @Test
    void stepTimesComeBackFromTheCumulativeRates() {
        assertThat(StepTimes.stepSeconds(run(), 1, TOKENS_PER_STEP)).isCloseTo(1.0, within(1e-9));
        assertThat(StepTimes.stepSeconds(run(), 7, TOKENS_PER_STEP)).isCloseTo(0.5, within(1e-9));
        assertThat(StepTimes.stepSeconds(run(), 10, TOKENS_PER_STEP)).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void checkpointStepsAreComparedWithPlainOnes() {
        StepTimes.Split split = StepTimes.split(List.of(run(), run()), 5, 20, 10, TOKENS_PER_STEP);
        assertThat(split.plain()).isCloseTo(0.5, within(1e-9));
        assertThat(split.checkpoint()).isCloseTo(0.7, within(1e-9));
        assertThat(split.extraPercentOfStep()).isCloseTo(40, within(1e-9));
        // Ten steps with one checkpoint: 0.2 s extra in 5.2 s.
        assertThat(split.percentOfTrainingTime(10)).isCloseTo(0.2 / 5.2 * 100, within(1e-9));
    }
}
