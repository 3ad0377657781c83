package io.tributary.training.serving;

import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.LoraRoute;
import io.tributary.training.serving.internal.AdapterBanks;
import io.tributary.training.serving.internal.AdapterWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The adapters resident for serving: at most {@code capacity} of them and at most {@code budgetBytes} of weights,
 * each occupying what its rank and modules need. A miss loads the adapter from the source without holding the
 * cache's lock (only the final insertion takes it); to make room the least recently used unpinned adapters are
 * evicted. Pinned adapters (explicitly, or while a request uses them) are never evicted.
 */
public final class AdapterCache implements AutoCloseable {

    private static final int RECENT_LOADS = 1000;
    private final AdapterSource source;
    private final int capacity;
    private final int maxRank;
    private final long budgetBytes;
    private final AdapterBanks banks;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> inFlight = new HashMap<>();
    private final Deque<Duration> recentLoads = new ArrayDeque<>();
    private long residentBytes;
    /** The largest adapter inserted so far: how much room a load is assumed to need. */
    private long largestBytes;

    private long clock;
    private long hits;
    private long misses;
    private long loads;
    private long evictions;

    private static final class Entry {
        final AdapterWeights weights;
        final Duration coldLoad;
        long lastUsed;
        Instant lastUsedAt;
        long hits;
        int pins;
        boolean explicitPin;

        Entry(AdapterWeights weights, Duration coldLoad) {
            this.weights = weights;
            this.coldLoad = coldLoad;
        }

        boolean pinned() {
            return explicitPin || pins > 0;
        }
    }

    /**
     * No room for another adapter now, because every resident adapter is pinned and some are in use by requests:
     * room frees as those requests finish, so the request that needs the room waits instead of failing.
     */
    static final class NoRoomWhileInUseException extends IllegalStateException {
        NoRoomWhileInUseException(String message) {
            super(message);
        }
    }

    /** A cache limited by adapter count only. */
    public AdapterCache(LanguageModel model, AdapterSource source, int capacity, int maxRank) {
        this(model, source, capacity, maxRank, Long.MAX_VALUE);
    }

    /**
     * @param capacity adapters held at once
     * @param maxRank the largest rank served; higher ranks are refused
     * @param budgetBytes the most bytes the resident adapters' matrices may occupy together
     */
    public AdapterCache(LanguageModel model, AdapterSource source, int capacity, int maxRank, long budgetBytes) {
        if (capacity <= 0 || maxRank <= 0 || budgetBytes <= 0) {
            throw new IllegalArgumentException("capacity, maxRank and budgetBytes must be positive");
        }
        this.source = source;
        this.capacity = capacity;
        this.maxRank = maxRank;
        this.budgetBytes = budgetBytes;
        this.banks = new AdapterBanks(model);
    }

    public int capacity() {
        return capacity;
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    /**
     * Makes an adapter resident under {@code id} without going through the source (copies its weights). Replacing a
     * resident adapter is a hot swap: requests already running keep the copy they started with.
     */
    public void put(String id, Adapter adapter) {
        insert(id, weightsOf(id, adapter), Duration.ZERO, false);
    }

    /** Loads an adapter from the source now unless it is resident or loading (then waits for that load). */
    public void load(String id) throws IOException {
        await(startLoad(Objects.requireNonNull(id), Runnable::run));
    }

    /** Keeps an adapter resident until {@link #unpin}; loads it if needed. */
    public void pin(String id) throws IOException {
        while (true) {
            load(id);
            synchronized (this) {
                Entry e = entries.get(id);
                if (e != null) {
                    e.explicitPin = true;
                    return;
                }
            }
        }
    }

    public synchronized void unpin(String id) {
        Entry e = entries.get(id);
        if (e != null) {
            e.explicitPin = false;
        }
    }

    /** Drops an adapter unless a request is using it; returns whether it was resident and is now gone. */
    public synchronized boolean unload(String id) {
        Entry e = entries.get(id);
        if (e == null || e.pins > 0) {
            return false;
        }
        remove(id);
        return true;
    }

    public synchronized boolean isResident(String id) {
        return entries.containsKey(id);
    }

    /** Resident adapters, most recently used first. */
    public synchronized List<ResidentAdapter> resident() {
        List<ResidentAdapter> list = new ArrayList<>();
        entries.forEach((id, e) -> list.add(new ResidentAdapter(
                id, e.weights.rank(), e.weights.bytes(), e.pinned(), e.hits, e.lastUsed, e.lastUsedAt, e.coldLoad)));
        list.sort(Comparator.comparingLong(ResidentAdapter::lastUsed).reversed());
        return list;
    }

    /** Everything a serving page or a metrics scrape shows, taken at once. */
    public synchronized AdapterCacheSnapshot snapshot() {
        return new AdapterCacheSnapshot(
                budgetBytes,
                residentBytes,
                capacity,
                hits,
                misses,
                loads,
                evictions,
                inFlight.size(),
                resident(),
                List.copyOf(recentLoads));
    }

    /** Adapters loaded from the source so far. */
    public synchronized long loads() {
        return loads;
    }

    public synchronized long evictions() {
        return evictions;
    }

    /** Bytes the resident adapters occupy. */
    public synchronized long residentBytes() {
        return residentBytes;
    }

    /**
     * Starts loading an adapter on {@code executor} unless it is resident or already loading; the future completes
     * when it is resident (or with the reason it cannot be). The source is read without the cache's lock.
     */
    CompletableFuture<Void> startLoad(String id, Executor executor) {
        CompletableFuture<Void> loading;
        synchronized (this) {
            if (entries.containsKey(id)) {
                return CompletableFuture.completedFuture(null);
            }
            misses++;
            CompletableFuture<Void> existing = inFlight.get(id);
            if (existing != null) {
                return existing;
            }
            loading = new CompletableFuture<>();
            inFlight.put(id, loading);
        }
        try {
            executor.execute(new LoadTask(id, loading));
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                inFlight.remove(id);
            }
            loading.completeExceptionally(new IllegalStateException("The adapter loader is shut down", e));
        }
        return loading;
    }

    /** A queued load; {@link #abandon} fails it when its executor shuts down before running it. */
    private final class LoadTask implements Runnable {
        final String id;
        final CompletableFuture<Void> loading;

        LoadTask(String id, CompletableFuture<Void> loading) {
            this.id = id;
            this.loading = loading;
        }

        @Override
        public void run() {
            loadFromSource(id, loading);
        }
    }

    /** Fails a load that was queued but will never run (its executor shut down), so nobody waits for it forever. */
    void abandon(Runnable task) {
        if (task instanceof LoadTask t) {
            synchronized (this) {
                inFlight.remove(t.id, t.loading);
            }
            t.loading.completeExceptionally(new IllegalStateException("The adapter server closed before loading"));
        }
    }

    private void loadFromSource(String id, CompletableFuture<Void> loading) {
        long start = System.nanoTime();
        try {
            AdapterWeights weights;
            try (Adapter adapter = source.load(id)) {
                if (adapter == null) {
                    throw new IOException("No adapter '" + id + "'");
                }
                weights = weightsOf(id, adapter);
            }
            insert(id, weights, Duration.ofNanos(System.nanoTime() - start), true);
            loading.complete(null);
        } catch (IOException | RuntimeException | Error e) {
            synchronized (this) {
                inFlight.remove(id);
            }
            loading.completeExceptionally(e);
        }
    }

    private AdapterWeights weightsOf(String id, Adapter adapter) {
        if (adapter.rank() > maxRank) {
            throw new IllegalArgumentException(
                    "Adapter '" + id + "' has rank " + adapter.rank() + ", above the serving maximum " + maxRank);
        }
        return new AdapterWeights(adapter);
    }

    private synchronized void insert(String id, AdapterWeights weights, Duration coldLoad, boolean fromSource) {
        try {
            Entry old = entries.get(id);
            long freed = old == null ? 0 : old.weights.bytes();
            if (weights.bytes() > budgetBytes) {
                throw new IllegalStateException("Adapter '" + id + "' needs " + weights.bytes()
                        + " bytes, more than the cache's whole budget of " + budgetBytes);
            }
            while ((old == null && entries.size() >= capacity)
                    || residentBytes - freed + weights.bytes() > budgetBytes) {
                evictOne(id);
            }
            Entry entry = new Entry(weights, coldLoad);
            if (old != null) {
                entry.pins = old.pins;
                entry.explicitPin = old.explicitPin;
                entry.hits = old.hits;
                residentBytes -= old.weights.bytes();
                banks.forget(old.weights);
            }
            touch(entry);
            entries.put(id, entry);
            residentBytes += weights.bytes();
            largestBytes = Math.max(largestBytes, weights.bytes());
            if (fromSource) {
                loads++;
                recentLoads.addLast(coldLoad);
                if (recentLoads.size() > RECENT_LOADS) {
                    recentLoads.removeFirst();
                }
            }
        } finally {
            if (fromSource) {
                inFlight.remove(id);
            }
        }
    }

    private void evictOne(String keep) {
        String victim = null;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (!e.getKey().equals(keep) && !e.getValue().pinned() && e.getValue().lastUsed < oldest) {
                oldest = e.getValue().lastUsed;
                victim = e.getKey();
            }
        }
        if (victim == null) {
            if (entries.values().stream().anyMatch(e -> e.pins > 0)) {
                throw new NoRoomWhileInUseException("All " + entries.size() + " resident adapters are pinned or in"
                        + " use; this one waits until a request using one finishes");
            }
            throw new IllegalStateException("All " + entries.size() + " resident adapters (" + residentBytes + " of "
                    + budgetBytes + " bytes) are pinned; none can be evicted");
        }
        remove(victim);
        evictions++;
    }

    private void remove(String id) {
        Entry e = entries.remove(id);
        residentBytes -= e.weights.bytes();
        banks.forget(e.weights);
    }

    private void touch(Entry e) {
        e.lastUsed = ++clock;
        e.lastUsedAt = Instant.now();
    }

    /**
     * Whether a request for a cold adapter should wait before its load starts: every resident adapter is pinned,
     * some by running requests (which will release them), and the free room is already claimed by loads under way.
     * When nothing is in use, waiting would not help: the load starts and fails with the reason.
     */
    synchronized boolean mustWaitForRoom() {
        boolean inUse = false;
        long room = 0;
        for (Entry e : entries.values()) {
            inUse |= e.pins > 0;
            if (!e.pinned()) {
                room++;
            }
        }
        if (!inUse) {
            return false;
        }
        long freeSlots = capacity - entries.size();
        if (budgetBytes != Long.MAX_VALUE && largestBytes > 0) {
            freeSlots = Math.min(freeSlots, (budgetBytes - residentBytes) / largestBytes);
        }
        room += Math.max(0, freeSlots);
        return room <= inFlight.size();
    }

    /**
     * The weights of a resident adapter, pinned for a request until {@link #release}; null when it is not
     * resident.
     */
    synchronized AdapterWeights acquireIfResident(String id) {
        Entry e = entries.get(id);
        if (e == null) {
            return null;
        }
        hits++;
        e.hits++;
        e.pins++;
        touch(e);
        return e.weights;
    }

    synchronized void release(String id) {
        if (id != null) {
            Entry e = entries.get(id);
            if (e != null && e.pins > 0) {
                e.pins--;
            }
        }
    }

    /**
     * The weights for every row of a batch (null for base rows), loading missing adapters first without holding
     * the lock; each is pinned while the rest load, so all of them are resident together or an error is raised.
     */
    AdapterWeights[] weights(List<String> ids) throws IOException {
        List<String> distinct = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (distinct.size() > capacity) {
            throw new IllegalArgumentException(
                    "A batch uses " + distinct.size() + " adapters but the cache holds only " + capacity);
        }
        Map<String, AdapterWeights> found = new HashMap<>();
        try {
            for (String id : distinct) {
                AdapterWeights w = null;
                while (w == null) {
                    load(id);
                    // Null only when another load evicted it in between: load it again.
                    w = acquireIfResident(id);
                }
                found.put(id, w);
            }
            AdapterWeights[] rows = new AdapterWeights[ids.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = ids.get(i) == null ? null : found.get(ids.get(i));
            }
            return rows;
        } finally {
            found.keySet().forEach(this::release);
        }
    }

    LoraRoute route(AdapterWeights[] rows) {
        return banks.route(rows);
    }

    private static void await(CompletableFuture<Void> loading) throws IOException {
        try {
            loading.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }

    @Override
    public void close() {
        banks.close();
    }
}
