package io.tributary.application.serving;

import io.tributary.application.Settings;
import io.tributary.application.factory.ModelFiles;
import io.tributary.application.factory.ModelFiles.StoredBase;
import io.tributary.training.generate.Generation;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.GenerationDefaults;
import io.tributary.training.generate.TokenListener;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.BaseModel;
import io.tributary.training.serving.AdapterCache;
import io.tributary.training.serving.AdapterCacheSnapshot;
import io.tributary.training.serving.AdapterServer;
import io.tributary.training.serving.ServingRequest;
import io.tributary.training.tokenizer.Tokenizer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * This node's serving engine: one {@link AdapterServer} per base model, created on first use with the application
 * server's {@link ManagedThreadFactory}, each with a byte-bounded cache of resident adapters that loads a published
 * version's adapter from the factory's storage on first request. Also counts each organization's requests waiting or
 * running here, so that one organization cannot fill the batcher's queue (its queue bound).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ServingRuntime {

    private static final Logger LOG = Logger.getLogger(ServingRuntime.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    ModelFiles files;

    @Inject
    ServingMetrics metrics;

    /** One engine per registered base (never per weights: two bases may share weights, not tokenizers). */
    private final Map<UUID, Engine> engines = new ConcurrentHashMap<>();

    private final Map<UUID, AtomicInteger> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    /** One base model served with its adapters. */
    static final class Engine implements AutoCloseable {
        final StoredBase base;
        final BaseModel model;
        final Tokenizer tokenizer;
        final AdapterServer server;
        /** The base's generation_config.json, read once: what a request leaves out. */
        final GenerationConfig recommended;

        Engine(
                StoredBase base,
                BaseModel model,
                Tokenizer tokenizer,
                AdapterServer server,
                GenerationConfig recommended) {
            this.base = base;
            this.model = model;
            this.tokenizer = tokenizer;
            this.server = server;
            this.recommended = recommended;
        }

        @Override
        public void close() {
            server.close();
            server.cache().close();
            model.close();
        }
    }

    /** What one base's engine holds and does now: for the Serving page and metrics. */
    public record EngineView(
            String baseSha256, String baseName, int active, int loadingAdapters, AdapterCacheSnapshot cache) {}

    /** The decoding the base recommends in its generation_config.json (the engine's defaults when it has none). */
    public GenerationConfig recommendedDecoding(StoredBase base) {
        return engine(base).recommended;
    }

    /** The prompt's tokens as the base model's tokenizer reads them. */
    public int[] tokens(StoredBase base, String text) {
        return engine(base).tokenizer.encode(text);
    }

    /**
     * Queues a generation; {@code runId} names the run whose adapter to apply (null: the base alone). Cancelling the
     * returned future ends the sequence at its next step.
     */
    public CompletableFuture<Generation> submit(
            StoredBase base, UUID runId, String prompt, GenerationConfig config, TokenListener listener) {
        return engine(base)
                .server
                .submit(new ServingRequest(prompt, runId == null ? null : runId.toString(), config, listener));
    }

    /**
     * Lets {@code count} sequences of an organization in, or refuses: 429 past its queue bound, 503 past the node's
     * capacity. Close the returned admission when they are done.
     */
    public Admission admit(UUID tenantId, int queueBound, int count) {
        AtomicInteger mine = waiting.computeIfAbsent(tenantId, t -> new AtomicInteger());
        if (mine.addAndGet(count) > queueBound) {
            mine.addAndGet(-count);
            throw InferenceRefused.rateLimited(
                    "Your organization has " + queueBound + " requests waiting or running, its queue bound;"
                            + " retry when one finishes.",
                    Duration.ofSeconds(1));
        }
        if (total.addAndGet(count) > capacity()) {
            total.addAndGet(-count);
            mine.addAndGet(-count);
            throw InferenceRefused.overloaded("The server is overloaded; retry shortly.");
        }
        return new Admission(tenantId, count);
    }

    /** Sequences of one request, counted against its organization's queue bound until closed. */
    public final class Admission implements AutoCloseable {
        private final UUID tenantId;
        private final int count;
        private boolean closed;

        Admission(UUID tenantId, int count) {
            this.tenantId = tenantId;
            this.count = count;
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            waiting.get(tenantId).addAndGet(-count);
            total.addAndGet(-count);
        }
    }

    /** Requests of the organization waiting or running on this node. */
    public int queueDepth(UUID tenantId) {
        AtomicInteger n = waiting.get(tenantId);
        return n == null ? 0 : n.get();
    }

    public int queueDepth() {
        return total.get();
    }

    /** Every base's engine on this node. */
    public List<EngineView> engines() {
        List<EngineView> views = new ArrayList<>();
        engines.values()
                .forEach(e -> views.add(new EngineView(
                        e.base.sha256(),
                        e.base.name(),
                        e.server.activeCount(),
                        e.server.loadingCount(),
                        e.server.cache().snapshot())));
        return views;
    }

    /** Makes a run's adapter resident now (a cold load the first request need not wait for). */
    public void load(StoredBase base, UUID runId) {
        cacheCall(base, c -> c.load(runId.toString()));
    }

    /** Keeps a run's adapter resident until unpinned. */
    public void pin(StoredBase base, UUID runId) {
        cacheCall(base, c -> c.pin(runId.toString()));
    }

    public void unpin(StoredBase base, UUID runId) {
        engine(base).server.cache().unpin(runId.toString());
    }

    /** Drops a run's adapter unless a request uses it; whether it is gone. */
    public boolean unload(StoredBase base, UUID runId) {
        return engine(base).server.cache().unload(runId.toString());
    }

    private interface CacheWork {
        void on(AdapterCache cache) throws IOException;
    }

    private void cacheCall(StoredBase base, CacheWork work) {
        Engine engine = engine(base);
        LibraryThreads.call(() -> {
            try {
                work.on(engine.server.cache());
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Engine engine(StoredBase base) {
        return engines.computeIfAbsent(base.id(), id -> LibraryThreads.call(() -> start(base)));
    }

    private Engine start(StoredBase base) {
        try {
            BaseModel model = BaseModel.load(base.directory(), base.licence());
            Tokenizer tokenizer = model.model().requireTokenizer();
            AdapterCache cache = new AdapterCache(
                    model.model(),
                    id -> {
                        UUID run;
                        try {
                            run = UUID.fromString(id);
                        } catch (IllegalArgumentException e) {
                            throw new IOException("Invalid adapter id '" + id + "'");
                        }
                        return Adapter.load(files.adapter(run), model.model());
                    },
                    intSetting(Settings.SERVING_MAX_ADAPTERS),
                    intSetting(Settings.SERVING_MAX_RANK),
                    (long) intSetting(Settings.SERVING_ADAPTER_BUDGET_MIB) << 20);
            AdapterServer server = new AdapterServer(
                    model.model(),
                    tokenizer,
                    cache,
                    intSetting(Settings.SERVING_MAX_BATCH),
                    LibraryThreads.of(threads));
            server.start();
            metrics.watch(base.name(), server);
            LOG.info("Serving " + base.name() + " (" + base.sha256() + ")");
            return new Engine(
                    base,
                    model,
                    tokenizer,
                    server,
                    GenerationDefaults.of(base.directory()).build());
        } catch (IOException e) {
            throw new UncheckedIOException("The base model " + base.name() + " cannot be loaded", e);
        }
    }

    private static int capacity() {
        return intSetting(Settings.SERVING_CAPACITY);
    }

    static int intSetting(Settings setting) {
        return Integer.parseInt(setting.value().strip());
    }

    @PreDestroy
    void stop() {
        engines.values().forEach(Engine::close);
        engines.clear();
    }
}
