package io.tributary.application.serving;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.tenancy.TenantService;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.training.serving.AdapterCache;
import io.tributary.training.serving.AdapterServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Serving's metrics, recorded on a registry of its own and scraped in Prometheus format ({@link #prometheus(Actor)}, served
 * to platform staff at {@code /api/admin/metrics}): per model and organization the requests (by outcome), the prompt
 * and completion tokens, time to first token and time per output token; per base model the queue depth and the
 * adapter cache's hits, misses, loads, evictions and resident bytes. (WildFly 39's Micrometer subsystem does not
 * export a deployment's meters, WFLY-21061, so the application renders its own.)
 */
@ApplicationScoped
public class ServingMetrics {

    static final String REQUESTS = "tributary.serving.requests";
    static final String PROMPT_TOKENS = "tributary.serving.prompt.tokens";
    static final String COMPLETION_TOKENS = "tributary.serving.completion.tokens";
    static final String TIME_TO_FIRST_TOKEN = "tributary.serving.time.to.first.token";
    static final String TIME_PER_OUTPUT_TOKEN = "tributary.serving.time.per.output.token";
    static final String QUEUE_DEPTH = "tributary.serving.queue.depth";
    static final String ACTIVE = "tributary.serving.active.sequences";
    static final String CACHE_HITS = "tributary.serving.adapter.cache.hits";
    static final String CACHE_MISSES = "tributary.serving.adapter.cache.misses";
    static final String CACHE_LOADS = "tributary.serving.adapter.cache.loads";
    static final String CACHE_EVICTIONS = "tributary.serving.adapter.cache.evictions";
    static final String RESIDENT_BYTES = "tributary.serving.adapter.resident.bytes";
    static final String RESIDENT_ADAPTERS = "tributary.serving.adapter.resident";

    /** Few fixed buckets, so that a model × organization series stays small. */
    private static final Duration[] FIRST_TOKEN_BUCKETS = millis(10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000);

    private static final Duration[] PER_TOKEN_BUCKETS = millis(1, 2, 5, 10, 20, 50, 100, 250, 1000);

    private MeterRegistry registry;

    @Inject
    TenantService tenants;

    /** Organization aliases by id, so that a scrape's labels read like the names people use. */
    private final Map<UUID, String> aliases = new ConcurrentHashMap<>();

    /** Serving's own in-memory registry, see {@link #registry(Clock)}. */
    public ServingMetrics() {
        this(registry(Clock.SYSTEM));
    }

    public ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * An in-memory registry whose counters and histograms count since start (as Prometheus expects), never over a
     * sliding window: Micrometer's default rotates a timer's buckets every two minutes.
     */
    static SimpleMeterRegistry registry(Clock clock) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder()
                        .expiry(Duration.ofDays(3650))
                        .bufferLength(1)
                        .build()
                        .merge(config);
            }
        });
        return registry;
    }

    /**
     * Every meter in the Prometheus text exposition format 0.0.4 ({@link PrometheusText#CONTENT_TYPE}), for platform
     * staff only: the labels name every organization that calls a model.
     */
    public String prometheus(Actor staff) {
        if (!staff.isPlatformAdmin() || staff.tenantId() != null) {
            throw new AccessDenied("Only platform staff read serving's metrics.");
        }
        return PrometheusText.render(registry);
    }

    /**
     * A request answered: {@code model} as the caller named it ({@code acme/clinical-qa@3}, or a base), the
     * calling organization's alias, its exact token counts, the time until the first generated token and the whole
     * time it took (time per output token is the rest divided among the tokens after the first).
     */
    public void served(
            String model,
            String organization,
            int promptTokens,
            int completionTokens,
            Duration timeToFirstToken,
            Duration total) {
        Tags tags = Tags.of("model", model, "organization", organization);
        counter(REQUESTS, "Inference requests by outcome", tags.and("outcome", "ok"))
                .increment();
        counter(PROMPT_TOKENS, "Prompt tokens of answered requests", tags).increment(promptTokens);
        counter(COMPLETION_TOKENS, "Completion tokens of answered requests", tags)
                .increment(completionTokens);
        if (timeToFirstToken != null && completionTokens > 0) {
            Timer.builder(TIME_TO_FIRST_TOKEN)
                    .description("Time from a request's arrival to its first generated token")
                    .tags(tags)
                    .serviceLevelObjectives(FIRST_TOKEN_BUCKETS)
                    .register(registry)
                    .record(timeToFirstToken);
            if (completionTokens > 1 && total != null && total.compareTo(timeToFirstToken) > 0) {
                Timer.builder(TIME_PER_OUTPUT_TOKEN)
                        .description("Time per generated token after the first")
                        .tags(tags)
                        .serviceLevelObjectives(PER_TOKEN_BUCKETS)
                        .register(registry)
                        .record(total.minus(timeToFirstToken).dividedBy(completionTokens - 1));
            }
        }
    }

    /** {@link #served(String, String, int, int, Duration, Duration)} for the calling organization's id. */
    public void served(
            String model,
            UUID organization,
            int promptTokens,
            int completionTokens,
            Duration firstToken,
            Duration total) {
        served(model, alias(organization), promptTokens, completionTokens, firstToken, total);
    }

    /** {@link #refused(String, String, String)} for the calling organization's id. */
    public void refused(String model, UUID organization, String outcome) {
        refused(model, alias(organization), outcome);
    }

    private String alias(UUID organization) {
        if (organization == null) {
            return "none";
        }
        return aliases.computeIfAbsent(
                organization,
                id -> tenants == null
                        ? id.toString()
                        : tenants.find(id).map(Tenant::getAlias).orElse(id.toString()));
    }

    /**
     * A request not answered, with its reason as the outcome ({@code rate_limited}, {@code quota},
     * {@code payment_required}, {@code overloaded}, {@code invalid}, {@code timeout}, {@code cancelled},
     * {@code error}).
     */
    public void refused(String model, String organization, String outcome) {
        counter(
                        REQUESTS,
                        "Inference requests by outcome",
                        Tags.of("model", model, "organization", organization).and("outcome", outcome))
                .increment();
    }

    /**
     * Follows one base model's adapter server: queue depth and running sequences as gauges, the adapter cache's
     * counters as counters read at scrape time. Watching a base again (its server was replaced) drops the old
     * meters first.
     */
    public void watch(String base, AdapterServer server) {
        Tags tags = Tags.of("base", base);
        forget(tags);
        Gauge.builder(QUEUE_DEPTH, server, AdapterServer::queuedCount)
                .description("Requests waiting for a batch slot, for room in the adapter cache or for a load")
                .tags(tags)
                .register(registry);
        Gauge.builder(ACTIVE, server, AdapterServer::activeCount)
                .description("Sequences being decoded")
                .tags(tags)
                .register(registry);
        AdapterCache cache = server.cache();
        cacheCounter(
                CACHE_HITS,
                "Adapter lookups that found it resident",
                cache,
                c -> c.snapshot().hits(),
                tags);
        cacheCounter(
                CACHE_MISSES,
                "Adapter lookups that had to load it",
                cache,
                c -> c.snapshot().misses(),
                tags);
        cacheCounter(CACHE_LOADS, "Adapters loaded from storage (cold loads)", cache, AdapterCache::loads, tags);
        cacheCounter(CACHE_EVICTIONS, "Adapters evicted to make room", cache, AdapterCache::evictions, tags);
        Gauge.builder(RESIDENT_BYTES, cache, AdapterCache::residentBytes)
                .description("Bytes the resident adapters occupy")
                .baseUnit("bytes")
                .tags(tags)
                .register(registry);
        Gauge.builder(RESIDENT_ADAPTERS, cache, c -> c.resident().size())
                .description("Adapters resident")
                .tags(tags)
                .register(registry);
    }

    private void cacheCounter(
            String name, String description, AdapterCache cache, ToDoubleFunction<AdapterCache> f, Tags tags) {
        FunctionCounter.builder(name, cache, f)
                .description(description)
                .tags(tags)
                .register(registry);
    }

    private void forget(Tags tags) {
        for (String name : List.of(
                QUEUE_DEPTH,
                ACTIVE,
                CACHE_HITS,
                CACHE_MISSES,
                CACHE_LOADS,
                CACHE_EVICTIONS,
                RESIDENT_BYTES,
                RESIDENT_ADAPTERS)) {
            for (Meter m : registry.find(name).tags(tags).meters()) {
                registry.remove(m);
            }
        }
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private static Duration[] millis(long... values) {
        Duration[] d = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Duration.ofMillis(values[i]);
        }
        return d;
    }
}
