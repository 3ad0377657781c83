package io.tributary.training.serving.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.LoraRoute;
import io.tributary.training.model.internal.Projection;
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

    private final NDManager manager;
    private final int maxRank;
    private final Map<String, NDArray> banksA = new LinkedHashMap<>();
    private final Map<String, NDArray> banksB = new LinkedHashMap<>();
    private final Map<Integer, Set<String>> modulesBySlot = new HashMap<>();

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
    public void store(int slot, Adapter adapter) {
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

    public void clear(int slot) {
        modulesBySlot.remove(slot);
    }

    /**
     * The route of a batch whose row b uses slot {@code slots[b]}: per module, one gather of every row's matrices
     * and two batched matmuls. Modules no row's adapter targets are skipped; all-zero slots give no route.
     */
    public LoraRoute route(int[] slots) {
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
        Map<String, NDArray[]> gathered = new HashMap<>();
        return (module, x, training) -> {
            if (!used.contains(module)) {
                return null;
            }
            NDArray[] ab = gathered.computeIfAbsent(module, m -> {
                NDArray idx = x.getManager().create(index);
                return new NDArray[] {banksA.get(m).get(idx), banksB.get(m).get(idx)};
            });
            return x.matMul(ab[0]).matMul(ab[1]);
        };
    }

    @Override
    public void close() {
        manager.close();
    }
}
