package io.tributary.application.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.persistence.tenancy.Role;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final Actor STAFF = new Actor(null, null, "pat@tributary.test", Set.of(Role.PLATFORM_ADMIN));

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = ServingMetrics.registry(clock);

    @Test
    void aCounterIsTotalledWithItsHelpAndEscapedLabels() {
        Counter.builder("tributary.serving.requests")
                .description("Inference requests\\by outcome\nsince start")
                .tags("model", "acme/qa@3", "organization", "say \"hi\"\\\nbye")
                .register(registry)
                .increment(2);

        assertThat(PrometheusText.render(registry)).isEqualTo("""
                        # HELP tributary_serving_requests_total Inference requests\\\\by outcome\\nsince start
                        # TYPE tributary_serving_requests_total counter
                        tributary_serving_requests_total{model="acme/qa@3",organization="say \\"hi\\"\\\\\\nbye"} 2.0
                        """);
    }

    @Test
    void gaugesAndFunctionCountersCarryTheirUnitAndAreReadAtScrapeTime() {
        AtomicInteger queued = new AtomicInteger(3);
        Gauge.builder("tributary.serving.queue.depth", queued, AtomicInteger::get)
                .description("Requests waiting")
                .tags("base", "tiny")
                .register(registry);
        Gauge.builder("tributary.serving.adapter.resident.bytes", () -> 4096)
                .baseUnit("bytes")
                .tags("base", "tiny")
                .register(registry);
        AtomicInteger loads = new AtomicInteger();
        FunctionCounter.builder("tributary.serving.adapter.cache.loads", loads, AtomicInteger::get)
                .tags("base", "tiny")
                .register(registry);
        queued.set(5);
        loads.set(7);

        assertThat(PrometheusText.render(registry)).isEqualTo("""
                        # TYPE tributary_serving_adapter_cache_loads_total counter
                        tributary_serving_adapter_cache_loads_total{base="tiny"} 7.0
                        # TYPE tributary_serving_adapter_resident_bytes gauge
                        tributary_serving_adapter_resident_bytes{base="tiny"} 4096.0
                        # HELP tributary_serving_queue_depth Requests waiting
                        # TYPE tributary_serving_queue_depth gauge
                        tributary_serving_queue_depth{base="tiny"} 5.0
                        """);
    }

    @Test
    void aTimerIsAHistogramInSecondsWithCumulativeBucketsThatDoNotExpire() {
        Timer timer = Timer.builder("tributary.serving.time.to.first.token")
                .description("Time to first token")
                .tags("model", "m")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100))
                .register(registry);
        timer.record(Duration.ofMillis(5));
        timer.record(Duration.ofMillis(50));
        timer.record(Duration.ofMillis(200));
        // Micrometer's default would have rotated these observations out of the buckets by now.
        clock.add(Duration.ofMinutes(10));

        assertThat(PrometheusText.render(registry)).isEqualTo("""
                        # HELP tributary_serving_time_to_first_token_seconds Time to first token
                        # TYPE tributary_serving_time_to_first_token_seconds histogram
                        tributary_serving_time_to_first_token_seconds_bucket{model="m",le="0.01"} 1.0
                        tributary_serving_time_to_first_token_seconds_bucket{model="m",le="0.1"} 2.0
                        tributary_serving_time_to_first_token_seconds_bucket{model="m",le="+Inf"} 3.0
                        tributary_serving_time_to_first_token_seconds_sum{model="m"} 0.255
                        tributary_serving_time_to_first_token_seconds_count{model="m"} 3.0
                        """);
    }

    @Test
    void seriesOfOneNameShareOneHeaderInLabelOrder() {
        Counter.builder("c").tags("organization", "globex").register(registry).increment();
        Counter.builder("c").tags("organization", "acme").register(registry).increment(3);

        assertThat(PrometheusText.render(registry)).isEqualTo("""
                        # TYPE c_total counter
                        c_total{organization="acme"} 3.0
                        c_total{organization="globex"} 1.0
                        """);
    }

    @Test
    void servingMetricsRenderWhatTheyRecord() {
        ServingMetrics metrics = new ServingMetrics(registry);
        metrics.served("acme/qa", "globex", 12, 5, Duration.ofMillis(40), Duration.ofMillis(80));

        assertThat(metrics.prometheus(STAFF))
                .contains(
                        "tributary_serving_requests_total{model=\"acme/qa\",organization=\"globex\",outcome=\"ok\"} 1.0\n",
                        "tributary_serving_prompt_tokens_total{model=\"acme/qa\",organization=\"globex\"} 12.0\n",
                        "tributary_serving_time_to_first_token_seconds_bucket"
                                + "{model=\"acme/qa\",organization=\"globex\",le=\"0.05\"} 1.0\n",
                        "tributary_serving_time_to_first_token_seconds_bucket"
                                + "{model=\"acme/qa\",organization=\"globex\",le=\"0.025\"} 0.0\n",
                        "tributary_serving_time_per_output_token_seconds_count"
                                + "{model=\"acme/qa\",organization=\"globex\"} 1.0\n");
    }

    @Test
    void onlyPlatformStaffReadTheScrape() {
        ServingMetrics metrics = new ServingMetrics(registry);
        Actor orgAdmin = new Actor(UUID.randomUUID(), UUID.randomUUID(), "olivia@acme.test", Set.of(Role.ORG_ADMIN));
        // Staff acting inside an organization (a token's tenant) are not the platform's staff console.
        Actor staffInTenant = new Actor(UUID.randomUUID(), UUID.randomUUID(), "pat", Set.of(Role.PLATFORM_ADMIN));

        assertThatThrownBy(() -> metrics.prometheus(orgAdmin)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> metrics.prometheus(staffInTenant)).isInstanceOf(AccessDenied.class);
    }
}
