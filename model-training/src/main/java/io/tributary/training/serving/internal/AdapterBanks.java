package io.tributary.training.serving.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.LoraRoute;
import io.tributary.training.model.internal.Projection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every resident adapter's matrices stacked per module: Aᵀ in [slots, in, maxRank] and scale · Bᵀ in
 * [slots, maxRank, out]. Slot 0 stays zero and serves rows without an adapter. Lower-rank adapters are zero-padded,
 * which leaves their product unchanged, so adapters of any rank up to maxRank share one batch.
 */
public final class AdapterBanks implements AutoCloseable {

    private static final int MAX_COMPOSITIONS = 4;
    private final NDManager manager;
    private final int maxRank;
    private final Map<String, NDArray> banksA = new LinkedHashMap<>();
    private final Map<String, NDArray> banksB = new LinkedHashMap<>();
    private final Map<Integer, Set<String>> modulesBySlot = new HashMap<>();
    private final Map<Key, Composition> compositions = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Composition> eldest) {
            if (size() > MAX_COMPOSITIONS) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    public AdapterBanks(LanguageModel model, int slots, int maxRank) {
        this.manager = model.manager().newSubManager();
        this.maxRank = maxRank;
        for (Projection p : model.network().projections().values()) {
            banksA.put(p.module(), manager.zeros(new Shape(slots + 1, p.inputWidth(), maxRank)));
            banksB.put(p.module(), manager.zeros(new Shape(slots + 1, maxRank, p.outputWidth())));
        }
    }

    public int maxRank() {
        return maxRank;
    }

    /** Copies an adapter into a slot (1-based), clearing what the slot held before. */
    public synchronized void store(int slot, Adapter adapter) {
        invalidate(slot);
        if (adapter.rank() > maxRank) {
            throw new IllegalArgumentException(
                    "Adapter rank " + adapter.rank() + " exceeds the serving maximum " + maxRank);
        }
        for (String module : banksA.keySet()) {
            banksA.get(module).set(new NDIndex("{}", slot), 0f);
            banksB.get(module).set(new NDIndex("{}", slot), 0f);
        }
        int r = adapter.rank();
        for (String module : adapter.modules()) {
            if (!banksA.containsKey(module)) {
                throw new IllegalArgumentException("Adapter targets unknown module " + module);
            }
            try (NDArray at = adapter.loraA(module).transpose();
                    NDArray scale = manager.create((float) adapter.config().scale());
                    NDArray bt = adapter.loraB(module).transpose().mul(scale)) {
                banksA.get(module).set(new NDIndex("{}, :, :{}", slot, r), at);
                banksB.get(module).set(new NDIndex("{}, :{}, :", slot, r), bt);
            }
        }
        modulesBySlot.put(slot, new HashSet<>(adapter.modules()));
    }

    public synchronized void clear(int slot) {
        invalidate(slot);
        modulesBySlot.remove(slot);
    }

    /**
     * The route of a batch whose row b uses slot {@code slots[b]}: per module, every row's matrices gathered once
     * into [batch, in, maxRank] and [batch, maxRank, out], then two batched matmuls per forward pass. Gathers are
     * kept for the last few batch compositions, because continuous batching decodes the same composition step
     * after step. Modules no row's adapter targets are skipped; an all-base batch gets no route at all.
     */
    public synchronized LoraRoute route(int[] slots) {
        Composition composition = compositions.get(new Key(slots));
        if (composition == null) {
            composition = gather(slots);
            if (composition == null) {
                return null;
            }
            compositions.put(new Key(slots.clone()), composition);
        }
        Map<String, NDArray[]> gathered = composition.gathered;
        return (module, x, training) -> {
            NDArray[] ab = gathered.get(module);
            return ab == null ? null : x.matMul(ab[0]).matMul(ab[1]);
        };
    }

    private Composition gather(int[] slots) {
        Set<String> used = new HashSet<>();
        for (int s : slots) {
            used.addAll(modulesBySlot.getOrDefault(s, Set.of()));
        }
        if (used.isEmpty()) {
            return null;
        }
        long[] index = new long[slots.length];
        for (int i = 0; i < slots.length; i++) {
            index[i] = slots[i];
        }
        Composition composition = new Composition();
        try (NDArray idx = manager.create(index)) {
            for (String module : used) {
                NDArray a = banksA.get(module).get(idx);
                NDArray b = banksB.get(module).get(idx);
                // Kept beyond the caller's scope; closed when the composition is evicted or invalidated.
                NDScope.unregister(a, b);
                composition.gathered.put(module, new NDArray[] {a, b});
            }
        }
        return composition;
    }

    /** Slots of a batch, compared by content. */
    private record Key(int[] slots) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(slots, k.slots);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(slots);
        }
    }

    /** The gathered matrices of one batch composition. */
    private static final class Composition implements AutoCloseable {
        final Map<String, NDArray[]> gathered = new HashMap<>();

        @Override
        public void close() {
            gathered.values().forEach(ab -> {
                ab[0].close();
                ab[1].close();
            });
        }
    }

    private void invalidate(int slot) {
        compositions.entrySet().removeIf(e -> {
            for (int s : e.getKey().slots()) {
                if (s == slot) {
                    e.getValue().close();
                    return true;
                }
            }
            return false;
        });
    }

    @Override
    public synchronized void close() {
        compositions.values().forEach(Composition::close);
        compositions.clear();
        manager.close();
    }
}
