package io.tributary.application.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServingMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ServingMetrics metrics = new ServingMetrics(registry);

    @Test
    void anAnsweredRequestCountsItsTokensAndTimesPerModelAndOrganization() {
        metrics.served("acme/clinical-qa", "globex", 12, 5, Duration.ofMillis(40), Duration.ofMillis(80));
        metrics.served("acme/clinical-qa", "globex", 8, 1, Duration.ofMillis(20), Duration.ofMillis(20));
        metrics.served("acme/clinical-qa", "acme", 3, 3, Duration.ofMillis(30), Duration.ofMillis(50));

        assertThat(registry.get(ServingMetrics.REQUESTS)
                        .tags("model", "acme/clinical-qa", "organization", "globex", "outcome", "ok")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(ServingMetrics.PROMPT_TOKENS)
                        .tags("organization", "globex")
                        .counter()
                        .count())
                .isEqualTo(20);
        assertThat(registry.get(ServingMetrics.COMPLETION_TOKENS)
                        .tags("organization", "globex")
                        .counter()
                        .count())
                .isEqualTo(6);
        var firstToken = registry.get(ServingMetrics.TIME_TO_FIRST_TOKEN)
                .tags("organization", "globex")
                .timer();
        assertThat(firstToken.count()).isEqualTo(2);
        assertThat(firstToken.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(60);
        // (80 - 40) ms over the 4 tokens after the first; a one-token answer has no time per output token.
        var perToken = registry.get(ServingMetrics.TIME_PER_OUTPUT_TOKEN)
                .tags("organization", "globex")
                .timer();
        assertThat(perToken.count()).isEqualTo(1);
        assertThat(perToken.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(10);
        assertThat(registry.get(ServingMetrics.REQUESTS)
                        .tags("organization", "acme")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aRefusedRequestCountsUnderItsOutcomeOnly() {
        metrics.refused("acme/clinical-qa", "globex", "rate_limited");
        metrics.served("acme/clinical-qa", "globex", 1, 1, Duration.ofMillis(5), Duration.ofMillis(5));

        assertThat(registry.get(ServingMetrics.REQUESTS)
                        .tags("outcome", "rate_limited")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(ServingMetrics.REQUESTS)
                        .tags("outcome", "ok")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.find(ServingMetrics.COMPLETION_TOKENS)
                        .tags("outcome", "rate_limited")
                        .counter())
                .isNull();
    }
}
