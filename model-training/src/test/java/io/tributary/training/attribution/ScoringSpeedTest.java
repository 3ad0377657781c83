package io.tributary.training.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScoringSpeedTest {

    @Test
    void reportsEveryGradientMethodWithOrderedPercentiles() {
        ScoringSpeed.Measurement m = ScoringSpeed.measure(50, 8, 3, 4, 10, 3);
        assertThat(m.records()).isEqualTo(50);
        assertThat(m.layeredDimension()).isEqualTo(12);
        assertThat(m.methods())
                .extracting(ScoringSpeed.MethodTiming::method)
                .containsExactly(
                        "lora-gradient-influence",
                        "lora-gradient-influence-normalized",
                        "gradient-cosine",
                        "gradient-dot",
                        "lora-datainf",
                        "lora-datainf-normalized",
                        "lora-layerwise-influence",
                        "lora-layerwise-influence-normalized");
        assertThat(m.methods()).allSatisfy(t -> assertThat(t.p50Ms()).isLessThanOrEqualTo(t.p95Ms()));
        assertThat(ScoringSpeed.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.95))
                .isEqualTo(10);
        assertThat(ScoringSpeed.percentile(new double[] {1, 2, 3, 4}, 0.5)).isEqualTo(2);
    }
}
