package io.tributary.training.serving;

import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.LoraRoute;
import io.tributary.training.serving.internal.AdapterBanks;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The adapters resident for serving, at most {@code capacity} of them: loaded from the source on a miss, evicting
 * the least recently used unpinned adapter when full. Pinned adapters (explicitly, or while a request uses them)
 * are never evicted.
 */
public final class AdapterCache implements AutoCloseable {

    private final AdapterSource source;
    private final int capacity;
    private final AdapterBanks banks;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Deque<Integer> freeSlots = new ArrayDeque<>();
    private long clock;
    private long loads;
    private long evictions;

    private static final class Entry {
        final int slot;
        final int rank;
        long lastUsed;
        int pins;
        boolean explicitPin;

        Entry(int slot, int rank) {
            this.slot = slot;
            this.rank = rank;
        }

        boolean pinned() {
            return explicitPin || pins > 0;
        }
    }

    /**
     * @param capacity adapters held at once
     * @param maxRank the largest rank served; lower ranks are padded to it
     */
    public AdapterCache(LanguageModel model, AdapterSource source, int capacity, int maxRank) {
        if (capacity <= 0 || maxRank <= 0) {
            throw new IllegalArgumentException("capacity and maxRank must be positive");
        }
        this.source = source;
        this.capacity = capacity;
        this.banks = new AdapterBanks(model, capacity, maxRank);
        for (int slot = 1; slot <= capacity; slot++) {
            freeSlots.add(slot);
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Makes an adapter resident under {@code id} without going through the source (copies its weights). */
    public synchronized void put(String id, Adapter adapter) {
        Entry existing = entries.get(id);
        int slot = existing != null ? existing.slot : takeSlot();
        banks.store(slot, adapter);
        Entry entry = new Entry(slot, adapter.rank());
        if (existing != null) {
            entry.pins = existing.pins;
            entry.explicitPin = existing.explicitPin;
        }
        entry.lastUsed = ++clock;
        entries.put(id, entry);
    }

    /** Keeps an adapter resident until {@link #unpin}; loads it if needed. */
    public synchronized void pin(String id) throws IOException {
        slot(id);
        entries.get(id).explicitPin = true;
    }

    public synchronized void unpin(String id) {
        Entry e = entries.get(id);
        if (e != null) {
            e.explicitPin = false;
        }
    }

    public synchronized boolean isResident(String id) {
        return entries.containsKey(id);
    }

    /** Resident adapters, most recently used first. */
    public synchronized List<ResidentAdapter> resident() {
        List<ResidentAdapter> list = new ArrayList<>();
        entries.forEach((id, e) -> list.add(new ResidentAdapter(id, e.rank, e.pinned(), e.lastUsed)));
        list.sort(Comparator.comparingLong(ResidentAdapter::lastUsed).reversed());
        return list;
    }

    /** Adapters loaded from the source so far. */
    public synchronized long loads() {
        return loads;
    }

    public synchronized long evictions() {
        return evictions;
    }

    /** The bank slot of an adapter, loading it on a miss; marks it used. Slot 0 is "no adapter" (id null). */
    synchronized int slot(String id) throws IOException {
        if (id == null) {
            return 0;
        }
        Entry e = entries.get(id);
        if (e == null) {
            int slot = takeSlot();
            try (Adapter adapter = source.load(id)) {
                banks.store(slot, adapter);
                e = new Entry(slot, adapter.rank());
            } catch (IOException | RuntimeException ex) {
                freeSlots.addFirst(slot);
                throw ex;
            }
            loads++;
            entries.put(id, e);
        }
        e.lastUsed = ++clock;
        return e.slot;
    }

    /** Slots for a batch; every adapter of the batch is resident together or an error is raised. */
    synchronized int[] slots(List<String> ids) throws IOException {
        long distinct =
                ids.stream().filter(java.util.Objects::nonNull).distinct().count();
        if (distinct > capacity) {
            throw new IllegalArgumentException(
                    "A batch uses " + distinct + " adapters but the cache holds only " + capacity);
        }
        int[] slots = new int[ids.size()];
        List<String> pinnedHere = new ArrayList<>();
        try {
            for (int i = 0; i < slots.length; i++) {
                slots[i] = slot(ids.get(i));
                // Pin while resolving the rest so a later miss cannot evict an adapter this batch needs.
                if (ids.get(i) != null) {
                    entries.get(ids.get(i)).pins++;
                    pinnedHere.add(ids.get(i));
                }
            }
        } finally {
            for (String id : pinnedHere) {
                entries.get(id).pins--;
            }
        }
        return slots;
    }

    synchronized void acquire(String id) throws IOException {
        if (id != null) {
            slot(id);
            entries.get(id).pins++;
        }
    }

    synchronized void release(String id) {
        if (id != null) {
            Entry e = entries.get(id);
            if (e != null && e.pins > 0) {
                e.pins--;
            }
        }
    }

    LoraRoute route(int[] slots) {
        return banks.route(slots);
    }

    private int takeSlot() {
        if (!freeSlots.isEmpty()) {
            return freeSlots.poll();
        }
        String victim = null;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (!e.getValue().pinned() && e.getValue().lastUsed < oldest) {
                oldest = e.getValue().lastUsed;
                victim = e.getKey();
            }
        }
        if (victim == null) {
            throw new IllegalStateException("All " + capacity + " cached adapters are pinned; none can be evicted");
        }
        Entry evicted = entries.remove(victim);
        banks.clear(evicted.slot);
        evictions++;
        return evicted.slot;
    }

    @Override
    public void close() {
        banks.close();
    }
}
