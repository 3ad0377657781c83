package io.tributary.training.serving.internal;

import io.tributary.training.lora.Adapter;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One resident adapter's matrices at its own rank, per module: Aᵀ [in, r] and scale · Bᵀ [r, out], row-major on the
 * Java heap. Memory is exactly what its rank and modules need ({@link #bytes()}), whatever the other adapters are.
 */
public final class AdapterWeights {

    private final int rank;
    private final Map<String, float[]> a = new HashMap<>();
    private final Map<String, float[]> b = new HashMap<>();
    private final long bytes;

    /** Copies an adapter's weights; the adapter may be closed afterwards. */
    public AdapterWeights(Adapter adapter) {
        rank = adapter.rank();
        float scale = (float) adapter.config().scale();
        long floats = 0;
        for (String module : adapter.modules()) {
            float[] la = adapter.loraA(module).toFloatArray();
            float[] lb = adapter.loraB(module).toFloatArray();
            int in = la.length / rank;
            int out = lb.length / rank;
            float[] at = new float[in * rank];
            for (int j = 0; j < rank; j++) {
                for (int i = 0; i < in; i++) {
                    at[i * rank + j] = la[j * in + i];
                }
            }
            float[] bt = new float[rank * out];
            for (int o = 0; o < out; o++) {
                for (int j = 0; j < rank; j++) {
                    bt[j * out + o] = lb[o * rank + j] * scale;
                }
            }
            a.put(module, at);
            b.put(module, bt);
            floats += at.length + bt.length;
        }
        bytes = floats * Float.BYTES;
    }

    public int rank() {
        return rank;
    }

    /** Bytes its matrices occupy: 4 · (in · r + r · out) summed over its modules. */
    public long bytes() {
        return bytes;
    }

    public Set<String> modules() {
        return Collections.unmodifiableSet(a.keySet());
    }

    /** Aᵀ of a module, [in, rank] row-major, or null when the module is not adapted. */
    float[] a(String module) {
        return a.get(module);
    }

    /** scale · Bᵀ of a module, [rank, out] row-major, or null. */
    float[] b(String module) {
        return b.get(module);
    }
}
