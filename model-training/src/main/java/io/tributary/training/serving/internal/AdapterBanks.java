package io.tributary.training.serving.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.LoraRoute;
import io.tributary.training.model.internal.Projection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The gathered adapter matrices of recent batch compositions. For a batch whose row b uses adapter {@code rows[b]}
 * (null: none), each module gets Aᵀ [batch, in, R] and scale · Bᵀ [batch, R, out], where R is the largest rank
 * among the batch's adapters of that module; lower ranks and rows without the module are zero-padded, which leaves
 * their product unchanged. Nothing is allocated per slot: only the compositions in use occupy tensors.
 */
public final class AdapterBanks implements AutoCloseable {

    private static final int MAX_COMPOSITIONS = 4;
    private final NDManager manager;
    private final Map<String, Projection> projections;
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

    public AdapterBanks(LanguageModel model) {
        this.manager = model.manager().newSubManager();
        this.projections = model.network().projections();
    }

    /**
     * The route of a batch whose row b uses {@code rows[b]}: per module two batched matmuls. Gathers are kept for
     * the last few compositions, because continuous batching decodes the same composition step after step. An
     * all-base batch gets no route at all.
     */
    public synchronized LoraRoute route(AdapterWeights[] rows) {
        Key key = new Key(rows.clone());
        Composition composition = compositions.get(key);
        if (composition == null) {
            composition = gather(rows);
            if (composition == null) {
                return null;
            }
            compositions.put(key, composition);
        }
        Map<String, NDArray[]> gathered = composition.gathered;
        return (module, x, training) -> {
            NDArray[] ab = gathered.get(module);
            return ab == null ? null : x.matMul(ab[0]).matMul(ab[1]);
        };
    }

    /** Drops the compositions that use an adapter leaving the cache. */
    public synchronized void forget(AdapterWeights weights) {
        compositions.entrySet().removeIf(e -> {
            for (AdapterWeights w : e.getKey().rows()) {
                if (w == weights) {
                    e.getValue().close();
                    return true;
                }
            }
            return false;
        });
    }

    private Composition gather(AdapterWeights[] rows) {
        Set<String> used = new LinkedHashSet<>();
        for (AdapterWeights w : rows) {
            if (w != null) {
                used.addAll(w.modules());
            }
        }
        if (used.isEmpty()) {
            return null;
        }
        int batch = rows.length;
        Composition composition = new Composition();
        for (String module : used) {
            Projection p = projections.get(module);
            int in = p.inputWidth();
            int out = p.outputWidth();
            int rank = 0;
            for (AdapterWeights w : rows) {
                if (w != null && w.a(module) != null) {
                    rank = Math.max(rank, w.rank());
                }
            }
            float[] a = new float[batch * in * rank];
            float[] b = new float[batch * rank * out];
            for (int row = 0; row < batch; row++) {
                AdapterWeights w = rows[row];
                float[] at = w == null ? null : w.a(module);
                if (at == null) {
                    continue;
                }
                int r = w.rank();
                for (int i = 0; i < in; i++) {
                    System.arraycopy(at, i * r, a, (row * in + i) * rank, r);
                }
                // Bᵀ rows beyond r stay zero, so the padded columns of Aᵀ contribute nothing.
                System.arraycopy(w.b(module), 0, b, row * rank * out, r * out);
            }
            NDArray ga = manager.create(a, new Shape(batch, in, rank));
            NDArray gb = manager.create(b, new Shape(batch, rank, out));
            // Kept beyond the caller's scope; closed when the composition is evicted or forgotten.
            NDScope.unregister(ga, gb);
            composition.gathered.put(module, new NDArray[] {ga, gb});
        }
        return composition;
    }

    /** The adapters of a batch's rows, compared by identity. */
    private record Key(AdapterWeights[] rows) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key k) || k.rows.length != rows.length) {
                return false;
            }
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] != k.rows[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (AdapterWeights w : rows) {
                h = 31 * h + System.identityHashCode(w);
            }
            return h;
        }

        @Override
        public String toString() {
            return Arrays.toString(rows);
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

    @Override
    public synchronized void close() {
        compositions.values().forEach(Composition::close);
        compositions.clear();
        manager.close();
    }
}
