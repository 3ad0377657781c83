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
import io.tributary.training.serving.internal.BatchCache;
import io.tributary.training.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Serves one base model with many adapters. Rows of a batch may use different adapters (or none): every base
 * projection runs once for the whole batch and each row's low-rank update is added through a gathered batched
 * matmul, without merging or swapping weights. Generation uses continuous batching: requests join the running
 * batch between decode steps and leave it as soon as they finish.
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
    private final Object lock = new Object();
    private volatile boolean running;
    private Thread worker;

    private record Pending(ServingRequest request, CompletableFuture<Generation> result) {}

    public AdapterServer(LanguageModel model, Tokenizer tokenizer, AdapterCache cache, int maxBatchSize) {
        if (maxBatchSize <= 0) {
            throw new IllegalArgumentException("maxBatchSize must be positive");
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.cache = cache;
        this.maxBatchSize = maxBatchSize;
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
        synchronized (lock) {
            int[] slots = cache.slots(adapterIds);
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
                                cache.route(slots),
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
        synchronized (lock) {
            int[] slots = cache.slots(adapterIds);
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
                                cache.route(slots),
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
        synchronized (lock) {
            lock.notifyAll();
        }
        return result;
    }

    /** Runs the scheduler on a background thread until {@link #close}. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(
                () -> {
                    while (running) {
                        int busy = step();
                        if (busy == 0) {
                            synchronized (lock) {
                                if (waiting.isEmpty() && running) {
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
                },
                "tributary-adapter-server");
        worker.setDaemon(true);
        worker.start();
    }

    /** Steps until no request is waiting or running; for callers that drive the scheduler themselves. */
    public void runUntilIdle() {
        while (step() > 0 || !waiting.isEmpty()) {
            // each step admits, samples and decodes
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
                Generation.StopReason reason = advance(s, i);
                if (reason == null) {
                    i++;
                } else {
                    s.complete(reason);
                    retire(i);
                }
            }
            if (!active.isEmpty()) {
                try {
                    decode();
                } catch (RuntimeException e) {
                    while (!active.isEmpty()) {
                        active.get(active.size() - 1).result.completeExceptionally(e);
                        retire(active.size() - 1);
                    }
                }
            }
            return active.size();
        }
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
        while (active.size() < maxBatchSize && !waiting.isEmpty()) {
            Pending p = waiting.poll();
            if (p.result().isCancelled()) {
                continue;
            }
            String adapterId = p.request().adapterId();
            boolean acquired = false;
            try {
                cache.acquire(adapterId);
                acquired = true;
                int slot = cache.slot(adapterId);
                int[] prompt = tokenizer.encode(p.request().prompt());
                if (prompt.length == 0) {
                    prompt = new int[] {tokenizer.endOfTextId()};
                }
                int context = model.config().contextLength();
                if (prompt.length >= context) {
                    prompt = Arrays.copyOfRange(prompt, prompt.length - context + 1, prompt.length);
                }
                ActiveSequence s = new ActiveSequence(
                        p.request(),
                        p.result(),
                        new TextStream(
                                tokenizer,
                                p.request().config().stopSequences(),
                                p.request().listener()),
                        slot);
                s.nextLogits = prefill(prompt, slot);
                active.add(s);
            } catch (IOException | RuntimeException e) {
                if (acquired) {
                    cache.release(adapterId);
                }
                p.result().completeExceptionally(e);
            }
        }
    }

    /** Runs a new sequence's prompt alone and stores its keys and values as a new row of the batch cache. */
    private float[] prefill(int[] prompt, int slot) {
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
                            cache.route(new int[] {slot}),
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
            int maxPast = 0;
            int[] slots = new int[batch];
            long[] ids = new long[batch];
            long[] positions = new long[batch];
            for (int b = 0; b < batch; b++) {
                ActiveSequence s = active.get(b);
                maxPast = Math.max(maxPast, lengths[b]);
                slots[b] = s.slot;
                ids[b] = s.pendingToken;
                positions[b] = lengths[b];
            }
            ForwardOutput out = model.network()
                    .forward(new ForwardInput(
                            manager.create(ids, new Shape(batch, 1)),
                            manager.create(positions, new Shape(batch, 1)),
                            Masks.decode(manager, lengths, maxPast),
                            batchCache.pastKeys(maxPast),
                            batchCache.pastValues(maxPast),
                            cache.route(slots),
                            false,
                            true));
            batchCache.append(out.keys(), out.values());
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
        synchronized (lock) {
            while (!active.isEmpty()) {
                active.get(active.size() - 1).result.cancel(false);
                retire(active.size() - 1);
            }
            batchCache.close();
        }
        Pending p;
        while ((p = waiting.poll()) != null) {
            p.result().cancel(false);
        }
    }
}
