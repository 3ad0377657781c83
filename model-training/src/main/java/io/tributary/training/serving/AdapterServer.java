package io.tributary.training.serving;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.tributary.training.generate.Generation;
import io.tributary.training.generate.internal.TextStream;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.DecoderNetwork;
import io.tributary.training.model.internal.ForwardInput;
import io.tributary.training.model.internal.ForwardOutput;
import io.tributary.training.model.internal.Masks;
import io.tributary.training.serving.internal.ActiveSequence;
import io.tributary.training.serving.internal.AdapterWeights;
import io.tributary.training.serving.internal.BatchCache;
import io.tributary.training.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one base model with many adapters. Rows of a batch may use different adapters (or none): every base
 * projection runs once for the whole batch and each row's low-rank update is added through a gathered batched
 * matmul, without merging or swapping weights. Generation uses continuous batching: requests join the running
 * batch between decode steps and leave it as soon as they finish. A request whose adapter is not resident waits in a
 * loading state while a loader thread reads it, and the running sequences go on decoding meanwhile. A request whose
 * listener throws fails alone.
 */
public final class AdapterServer implements AutoCloseable {

    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final AdapterCache cache;
    private final int maxBatchSize;
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
    /** Running sequences; the i-th owns row i of {@link #batchCache}. */
    private final List<ActiveSequence> active = new ArrayList<>();

    private final BatchCache batchCache;
    /** Requests whose adapter is being loaded; admitted once it is resident. Guarded by {@link #lock}. */
    private final List<Pending> loading = new ArrayList<>();
    /**
     * Requests whose adapter is cold while every resident adapter is in use: they wait here, ahead of the queue,
     * until a finishing request makes room. Guarded by {@link #lock}.
     */
    private final List<Pending> blocked = new ArrayList<>();

    private final Object lock = new Object();
    private final ThreadFactory threadFactory;
    private final ExecutorService loader;
    private volatile boolean running;
    private Thread worker;

    private static final class Pending {
        final ServingRequest request;
        final CompletableFuture<Generation> result;
        CompletableFuture<Void> load;
        /** It had to wait for room: newer requests wait until it is running. */
        boolean waitedForRoom;

        Pending(ServingRequest request, CompletableFuture<Generation> result) {
            this.request = request;
            this.result = result;
        }
    }

    /** A server whose scheduler and loader run on plain daemon threads (for the command line and tests). */
    public AdapterServer(LanguageModel model, Tokenizer tokenizer, AdapterCache cache, int maxBatchSize) {
        this(model, tokenizer, cache, maxBatchSize, daemonThreads());
    }

    /**
     * @param threadFactory makes the scheduler thread and the adapter loader's thread; an application server passes
     *     its {@code ManagedThreadFactory}
     */
    public AdapterServer(
            LanguageModel model,
            Tokenizer tokenizer,
            AdapterCache cache,
            int maxBatchSize,
            ThreadFactory threadFactory) {
        if (maxBatchSize <= 0) {
            throw new IllegalArgumentException("maxBatchSize must be positive");
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.cache = cache;
        this.maxBatchSize = maxBatchSize;
        this.threadFactory = threadFactory;
        this.loader = Executors.newSingleThreadExecutor(threadFactory);
        this.batchCache = new BatchCache(
                model.manager(),
                model.config().layers(),
                maxBatchSize,
                model.config().heads(),
                model.config().contextLength(),
                model.config().headWidth());
    }

    public AdapterCache cache() {
        return cache;
    }

    /**
     * Next-token logits [row][time][vocabulary] of a mixed batch in one forward pass; row i uses adapter
     * {@code adapterIds.get(i)} (null: base model). Rows may differ in length.
     */
    public float[][][] logits(List<int[]> rows, List<String> adapterIds) throws IOException {
        if (rows.size() != adapterIds.size()) {
            throw new IllegalArgumentException("Need one adapter id (or null) per row");
        }
        if (rows.isEmpty()) {
            return new float[0][][];
        }
        int maxLength = 0;
        for (int[] row : rows) {
            model.checkTokens(row);
            maxLength = Math.max(maxLength, row.length);
        }
        AdapterWeights[] adapters = cache.weights(adapterIds);
        synchronized (lock) {
            NDManager manager = model.manager();
            try (NDScope ignored = new NDScope()) {
                int batch = rows.size();
                long[] ids = new long[batch * maxLength];
                Arrays.fill(ids, tokenizer.endOfTextId());
                for (int b = 0; b < batch; b++) {
                    for (int t = 0; t < rows.get(b).length; t++) {
                        ids[b * maxLength + t] = rows.get(b)[t];
                    }
                }
                ForwardOutput out = model.network()
                        .forward(new ForwardInput(
                                manager.create(ids, new Shape(batch, maxLength)),
                                DecoderNetwork.positions(manager, batch, maxLength, 0),
                                Masks.causal(manager, maxLength, 0),
                                null,
                                null,
                                cache.route(adapters),
                                false,
                                false));
                float[] flat = out.logits().toFloatArray();
                int vocab = model.config().vocabularySize();
                float[][][] result = new float[batch][][];
                for (int b = 0; b < batch; b++) {
                    int length = rows.get(b).length;
                    result[b] = new float[length][vocab];
                    for (int t = 0; t < length; t++) {
                        System.arraycopy(flat, (b * maxLength + t) * vocab, result[b][t], 0, vocab);
                    }
                }
                return result;
            }
        }
    }

    /**
     * The next-token logits [row][vocabulary] after each row, as a serving prefill computes them: one forward pass
     * for the mixed batch, the LM head applied to the last position only. Rows must have equal length.
     */
    public float[][] nextTokenLogits(List<int[]> rows, List<String> adapterIds) throws IOException {
        if (rows.size() != adapterIds.size() || rows.isEmpty()) {
            throw new IllegalArgumentException("Need a non-empty batch with one adapter id (or null) per row");
        }
        int length = rows.get(0).length;
        for (int[] row : rows) {
            model.checkTokens(row);
            if (row.length != length) {
                throw new IllegalArgumentException("Rows of a prefill batch must have equal length");
            }
        }
        AdapterWeights[] adapters = cache.weights(adapterIds);
        synchronized (lock) {
            NDManager manager = model.manager();
            try (NDScope ignored = new NDScope()) {
                int batch = rows.size();
                long[] ids = new long[batch * length];
                for (int b = 0; b < batch; b++) {
                    for (int t = 0; t < length; t++) {
                        ids[b * length + t] = rows.get(b)[t];
                    }
                }
                ForwardOutput out = model.network()
                        .forward(new ForwardInput(
                                manager.create(ids, new Shape(batch, length)),
                                DecoderNetwork.positions(manager, batch, length, 0),
                                Masks.causal(manager, length, 0),
                                null,
                                null,
                                cache.route(adapters),
                                false,
                                true));
                float[] flat = out.logits().toFloatArray();
                int vocab = model.config().vocabularySize();
                float[][] result = new float[batch][];
                for (int b = 0; b < batch; b++) {
                    result[b] = Arrays.copyOfRange(flat, b * vocab, (b + 1) * vocab);
                }
                return result;
            }
        }
    }

    /** Queues a request; it joins the batch at the next decode step. */
    public CompletableFuture<Generation> submit(ServingRequest request) {
        CompletableFuture<Generation> result = new CompletableFuture<>();
        waiting.add(new Pending(request, result));
        wake();
        return result;
    }

    /** Requests queued and not yet running: waiting for a batch slot, for room in the cache or for a load. */
    public int queuedCount() {
        synchronized (lock) {
            return waiting.size() + blocked.size() + loading.size();
        }
    }

    /** Requests waiting for their adapter to load. */
    public int loadingCount() {
        synchronized (lock) {
            return loading.size();
        }
    }

    private void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "tributary-adapter-server-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Runs the scheduler on a background thread until {@link #close}. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = threadFactory.newThread(() -> {
            while (running) {
                int busy;
                try {
                    busy = step();
                } catch (RuntimeException e) {
                    // step() fails requests one by one; this only guards the thread that serves all of them.
                    failAll(e);
                    busy = 0;
                }
                if (busy == 0) {
                    synchronized (lock) {
                        if (waiting.isEmpty() && blocked.isEmpty() && running && !anyLoaded()) {
                            try {
                                lock.wait(50);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    }
                }
            }
        });
        worker.start();
    }

    /** Steps until no request is waiting or running; for callers that drive the scheduler themselves. */
    public void runUntilIdle() {
        while (true) {
            if (step() > 0 || !waiting.isEmpty() || blockedCount() > 0) {
                continue;
            }
            CompletableFuture<?>[] loads;
            synchronized (lock) {
                if (loading.isEmpty()) {
                    return;
                }
                loads = loading.stream().map(p -> p.load).toArray(CompletableFuture[]::new);
            }
            // Nothing to decode: wait for a load to finish instead of spinning.
            CompletableFuture.anyOf(loads).exceptionally(e -> null).join();
        }
    }

    private int blockedCount() {
        synchronized (lock) {
            return blocked.size();
        }
    }

    /** Requests currently being decoded. */
    public int activeCount() {
        synchronized (lock) {
            return active.size();
        }
    }

    /**
     * One scheduler iteration: admit waiting requests up to the batch size (prefilling their prompts), pick every
     * running sequence's next token, retire finished ones and decode the rest in one batched step. Returns the
     * number of sequences still running.
     */
    public int step() {
        synchronized (lock) {
            admit();
            int i = 0;
            while (i < active.size()) {
                ActiveSequence s = active.get(i);
                Generation.StopReason reason;
                try {
                    reason = advance(s, i);
                    if (reason != null) {
                        s.complete(reason);
                    }
                } catch (RuntimeException e) {
                    // A throwing listener (or any other per-request failure) ends that request only.
                    s.result.completeExceptionally(e);
                    retire(i);
                    continue;
                }
                if (reason == null) {
                    i++;
                } else {
                    retire(i);
                }
            }
            if (!active.isEmpty()) {
                try {
                    decode();
                } catch (RuntimeException e) {
                    failAll(e);
                }
            }
            return active.size();
        }
    }

    private void failAll(RuntimeException e) {
        synchronized (lock) {
            while (!active.isEmpty()) {
                active.get(active.size() - 1).result.completeExceptionally(e);
                retire(active.size() - 1);
            }
        }
    }

    private boolean anyLoaded() {
        for (Pending p : loading) {
            if (p.load.isDone()) {
                return true;
            }
        }
        return false;
    }

    /** Drops sequence i: the last sequence takes its place in the list and in the cache. */
    private void retire(int i) {
        ActiveSequence s = active.get(i);
        cache.release(s.request.adapterId());
        int last = active.size() - 1;
        batchCache.remove(i);
        active.set(i, active.get(last));
        active.remove(last);
    }

    private void admit() {
        // Requests whose adapter has finished loading go first: they have waited longest.
        List<Pending> ready = new ArrayList<>();
        for (Iterator<Pending> it = loading.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.result.isCancelled()) {
                it.remove();
            } else if (p.load.isDone()) {
                it.remove();
                Throwable failure = p.load.handle((v, e) -> e).join();
                if (failure == null) {
                    ready.add(p);
                } else if (failure instanceof AdapterCache.NoRoomWhileInUseException) {
                    p.waitedForRoom = true;
                    blocked.add(p);
                } else {
                    p.result.completeExceptionally(failure);
                }
            }
        }
        int next = 0;
        List<Pending> retry = new ArrayList<>(blocked);
        blocked.clear();
        int nextRetry = 0;
        while (active.size() < maxBatchSize
                && (next < ready.size() || nextRetry < retry.size() || !waiting.isEmpty())) {
            Pending p =
                    next < ready.size() ? ready.get(next++) : nextRetry < retry.size() ? retry.get(nextRetry++) : null;
            if (p == null) {
                if (!blocked.isEmpty() || loading.stream().anyMatch(q -> q.waitedForRoom)) {
                    // Requests wait for room: admit no newer ones (they would keep the resident adapters in use
                    // and starve them) until the running requests have freed some.
                    break;
                }
                p = waiting.poll();
            }
            if (p.result.isCancelled()) {
                continue;
            }
            String adapterId = p.request.adapterId();
            AdapterWeights weights = null;
            if (adapterId != null) {
                weights = cache.acquireIfResident(adapterId);
                if (weights == null) {
                    if (cache.mustWaitForRoom()) {
                        // Every resident adapter is in use: wait for a running request to finish, without
                        // holding up requests whose adapters are resident.
                        p.waitedForRoom = true;
                        blocked.add(p);
                        continue;
                    }
                    // Cold: read it on the loader thread; the running sequences keep decoding meanwhile.
                    p.load = cache.startLoad(adapterId, loader);
                    p.load.whenComplete((v, e) -> wake());
                    loading.add(p);
                    continue;
                }
            }
            try {
                int[] prompt = tokenizer.encode(p.request.prompt());
                if (prompt.length == 0) {
                    prompt = new int[] {tokenizer.endOfTextId()};
                }
                int context = model.config().contextLength();
                if (prompt.length >= context) {
                    prompt = Arrays.copyOfRange(prompt, prompt.length - context + 1, prompt.length);
                }
                ActiveSequence s = new ActiveSequence(
                        p.request,
                        prompt,
                        p.result,
                        new TextStream(tokenizer, p.request.config().stopSequences(), p.request.listener()),
                        weights);
                s.nextLogits = prefill(prompt, weights);
                active.add(s);
            } catch (RuntimeException e) {
                cache.release(adapterId);
                p.result.completeExceptionally(e);
            }
        }
        // Requests not reached keep their place ahead of those blocked later.
        blocked.addAll(0, retry.subList(nextRetry, retry.size()));
        // Ready requests beyond the batch size wait for the next step, ahead of the queue.
        for (int i = ready.size() - 1; i >= next; i--) {
            loading.add(0, ready.get(i));
        }
    }

    /** Runs a new sequence's prompt alone and stores its keys and values as a new row of the batch cache. */
    private float[] prefill(int[] prompt, AdapterWeights weights) {
        NDManager manager = model.manager();
        try (NDScope ignored = new NDScope()) {
            long[] ids = new long[prompt.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = prompt[i];
            }
            ForwardOutput out = model.network()
                    .forward(new ForwardInput(
                            manager.create(ids, new Shape(1, ids.length)),
                            DecoderNetwork.positions(manager, 1, ids.length, 0),
                            Masks.causal(manager, ids.length, 0),
                            null,
                            null,
                            cache.route(new AdapterWeights[] {weights}),
                            false,
                            true));
            batchCache.add(out.keys(), out.values());
            return out.logits().toFloatArray();
        }
    }

    /** Samples a sequence's next token; returns why it stops, or null when it goes on. */
    private Generation.StopReason advance(ActiveSequence s, int row) {
        if (s.result.isCancelled()) {
            return Generation.StopReason.MAX_TOKENS;
        }
        int vocabulary = Math.min(s.nextLogits.length, tokenizer.vocabularySize());
        int next = s.sampler.next(Arrays.copyOf(s.nextLogits, vocabulary));
        if (s.request.config().stopAtEndOfText() && next == tokenizer.endOfTextId()) {
            return Generation.StopReason.END_OF_TEXT;
        }
        s.generated[s.count++] = next;
        s.pendingToken = next;
        if (s.stream.add(next)) {
            return Generation.StopReason.STOP_SEQUENCE;
        }
        if (s.count == s.request.config().maxNewTokens()) {
            return Generation.StopReason.MAX_TOKENS;
        }
        if (batchCache.length(row) + 1 >= model.config().contextLength()) {
            return Generation.StopReason.CONTEXT_FULL;
        }
        return null;
    }

    /** One batched decode step: every row's pending token against the rows' cached keys and values. */
    private void decode() {
        NDManager manager = model.manager();
        int batch = active.size();
        try (NDScope ignored = new NDScope()) {
            int[] lengths = batchCache.lengths();
            AdapterWeights[] adapters = new AdapterWeights[batch];
            long[] ids = new long[batch];
            long[] positions = new long[batch];
            for (int b = 0; b < batch; b++) {
                ActiveSequence s = active.get(b);
                adapters[b] = s.weights;
                ids[b] = s.pendingToken;
                positions[b] = lengths[b];
            }
            ForwardOutput out;
            // Each layer writes the rows' new keys and values into the batch cache in place and attends over it.
            try (BatchCache.DecodeStep step = batchCache.decodeStep()) {
                out = model.network()
                        .forward(new ForwardInput(
                                manager.create(ids, new Shape(batch, 1)),
                                manager.create(positions, new Shape(batch, 1)),
                                Masks.decodeInPlace(manager, lengths),
                                null,
                                null,
                                cache.route(adapters),
                                false,
                                true,
                                step));
            }
            float[] flat = out.logits().toFloatArray();
            int vocab = model.config().vocabularySize();
            for (int b = 0; b < batch; b++) {
                active.get(b).nextLogits = Arrays.copyOfRange(flat, b * vocab, (b + 1) * vocab);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        if (worker != null) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loader.shutdownNow().forEach(cache::abandon);
        synchronized (lock) {
            while (!active.isEmpty()) {
                active.get(active.size() - 1).result.cancel(false);
                retire(active.size() - 1);
            }
            loading.forEach(p -> p.result.cancel(false));
            loading.clear();
            blocked.forEach(p -> p.result.cancel(false));
            blocked.clear();
            batchCache.close();
        }
        Pending p;
        while ((p = waiting.poll()) != null) {
            p.result.cancel(false);
        }
    }
}
