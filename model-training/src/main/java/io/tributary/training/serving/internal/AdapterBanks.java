package io.tributary.training.serving.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.LoraRoute;
import io.tributary.training.model.internal.Projection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The gathered adapter matrices of the running batch. For a batch whose row b uses adapter {@code rows[b]} (null:
 * none), each module gets Aᵀ [batch, in, R] and scale · Bᵀ [batch, R, out], where R is the largest rank seen among
 * the batch's adapters of that module; lower ranks and rows without the module are zero-padded, which leaves their
 * product unchanged. Continuous batching changes a row or two per decode step (a sequence leaves, another joins), so
 * the bank is kept between steps and only the rows whose adapter changed are rewritten; it is rebuilt only when the
 * batch outgrows it or needs a higher rank or another module. A single row (a prefill) uses its adapter's own
 * matrices and leaves the bank alone. Nothing is allocated per cache slot: memory follows the batch.
 */
public final class AdapterBanks implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, Projection> projections;
    /** Per module: Aᵀ [capacity, in, rank] and Bᵀ [capacity, rank, out]. */
    private final Map<String, NDArray[]> bank = new HashMap<>();
    /** The adapter each bank row holds now; rows marked stale must be rewritten before use. */
    private AdapterWeights[] held = new AdapterWeights[0];

    private boolean[] stale = new boolean[0];

    public AdapterBanks(LanguageModel model) {
        this.manager = model.manager().newSubManager();
        this.projections = model.network().projections();
    }

    /**
     * The route of a batch whose row b uses {@code rows[b]}: per module two batched matmuls. An all-base batch gets
     * no route at all. Call inside an {@link NDScope}: views and single-row matrices are closed with it.
     */
    public synchronized LoraRoute route(AdapterWeights[] rows) {
        Set<String> used = new LinkedHashSet<>();
        for (AdapterWeights w : rows) {
            if (w != null) {
                used.addAll(w.modules());
            }
        }
        if (used.isEmpty()) {
            return null;
        }
        if (rows.length == 1) {
            return single(rows[0]);
        }
        if (needsRebuild(rows, used)) {
            rebuild(rows, used);
        } else {
            for (int row = 0; row < rows.length; row++) {
                if (stale[row] || held[row] != rows[row]) {
                    write(row, rows[row]);
                }
            }
        }
        int batch = rows.length;
        Map<String, NDArray[]> gathered = new HashMap<>();
        for (Map.Entry<String, NDArray[]> e : bank.entrySet()) {
            NDArray[] ab = e.getValue();
            gathered.put(
                    e.getKey(),
                    batch == held.length
                            ? ab
                            : new NDArray[] {ab[0].get(new NDIndex(":" + batch)), ab[1].get(new NDIndex(":" + batch))});
        }
        return (module, x, training) -> {
            NDArray[] ab = gathered.get(module);
            return ab == null ? null : x.matMul(ab[0]).matMul(ab[1]);
        };
    }

    /** Marks the bank rows holding an adapter leaving the cache, so they are rewritten before any reuse. */
    public synchronized void forget(AdapterWeights weights) {
        for (int row = 0; row < held.length; row++) {
            if (held[row] == weights) {
                held[row] = null;
                stale[row] = true;
            }
        }
    }

    private LoraRoute single(AdapterWeights w) {
        Map<String, NDArray[]> own = new HashMap<>();
        for (String module : w.modules()) {
            Projection p = projections.get(module);
            int r = w.rank();
            own.put(module, new NDArray[] {
                manager.create(w.a(module), new Shape(1, p.inputWidth(), r)),
                manager.create(w.b(module), new Shape(1, r, p.outputWidth()))
            });
        }
        return (module, x, training) -> {
            NDArray[] ab = own.get(module);
            return ab == null ? null : x.matMul(ab[0]).matMul(ab[1]);
        };
    }

    private boolean needsRebuild(AdapterWeights[] rows, Set<String> used) {
        if (rows.length > held.length || !bank.keySet().containsAll(used)) {
            return true;
        }
        for (AdapterWeights w : rows) {
            if (w != null) {
                for (String module : w.modules()) {
                    if (w.rank() > bank.get(module)[0].getShape().get(2)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A new bank for this batch: at least as many rows, modules and rank as the old one, so it rarely regrows. */
    private void rebuild(AdapterWeights[] rows, Set<String> used) {
        Map<String, Integer> ranks = new HashMap<>();
        for (Map.Entry<String, NDArray[]> e : bank.entrySet()) {
            ranks.put(e.getKey(), (int) e.getValue()[0].getShape().get(2));
        }
        for (AdapterWeights w : rows) {
            if (w != null) {
                for (String module : w.modules()) {
                    ranks.merge(module, w.rank(), Math::max);
                }
            }
        }
        used.forEach(m -> ranks.putIfAbsent(m, 1));
        int capacity = Math.max(rows.length, held.length);
        closeBank();
        for (Map.Entry<String, Integer> e : ranks.entrySet()) {
            String module = e.getKey();
            int rank = e.getValue();
            Projection p = projections.get(module);
            int in = p.inputWidth();
            int out = p.outputWidth();
            float[] a = new float[capacity * in * rank];
            float[] b = new float[capacity * rank * out];
            for (int row = 0; row < rows.length; row++) {
                AdapterWeights w = rows[row];
                if (w != null && w.a(module) != null) {
                    padA(w.a(module), w.rank(), in, rank, a, row * in * rank);
                    // Bᵀ rows beyond r stay zero, so the padded columns of Aᵀ contribute nothing.
                    System.arraycopy(w.b(module), 0, b, row * rank * out, w.rank() * out);
                }
            }
            NDArray ga = manager.create(a, new Shape(capacity, in, rank));
            NDArray gb = manager.create(b, new Shape(capacity, rank, out));
            // Kept beyond the caller's scope; closed when the bank is rebuilt or the cache closes.
            NDScope.unregister(ga, gb);
            bank.put(module, new NDArray[] {ga, gb});
        }
        held = Arrays.copyOf(rows, capacity);
        stale = new boolean[capacity];
    }

    /** Rewrites one bank row for {@code w} (or zeros for a base row), module by module. */
    private void write(int row, AdapterWeights w) {
        for (Map.Entry<String, NDArray[]> e : bank.entrySet()) {
            NDArray[] ab = e.getValue();
            NDIndex index = new NDIndex("{}", row);
            float[] at = w == null ? null : w.a(e.getKey());
            if (at == null) {
                ab[0].set(index, 0);
                ab[1].set(index, 0);
                continue;
            }
            Shape aShape = ab[0].getShape();
            Shape bShape = ab[1].getShape();
            int in = (int) aShape.get(1);
            int rank = (int) aShape.get(2);
            int out = (int) bShape.get(2);
            float[] a = new float[in * rank];
            padA(at, w.rank(), in, rank, a, 0);
            float[] b = new float[rank * out];
            System.arraycopy(w.b(e.getKey()), 0, b, 0, w.rank() * out);
            try (NDArray rowA = manager.create(a, new Shape(in, rank));
                    NDArray rowB = manager.create(b, new Shape(rank, out))) {
                ab[0].set(index, rowA);
                ab[1].set(index, rowB);
            }
        }
        held[row] = w;
        stale[row] = false;
    }

    /** Copies Aᵀ [in, r] into a zero-padded [in, rank] block at {@code offset}. */
    private static void padA(float[] at, int r, int in, int rank, float[] target, int offset) {
        for (int i = 0; i < in; i++) {
            System.arraycopy(at, i * r, target, offset + i * rank, r);
        }
    }

    private void closeBank() {
        bank.values().forEach(ab -> {
            ab[0].close();
            ab[1].close();
        });
        bank.clear();
    }

    @Override
    public synchronized void close() {
        closeBank();
        held = new AdapterWeights[0];
        manager.close();
    }
}
