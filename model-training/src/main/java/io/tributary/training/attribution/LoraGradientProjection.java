package io.tributary.training.attribution;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tributary.training.lora.Adapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Projects a LoRA gradient to k entries without a Java loop over its parameters: each [r, in] or [out, r] tensor's
 * gradient is multiplied along its long side by its own seeded ±1/√b matrix (one native matmul per tensor, the
 * per-layer factoring of LoGra), the pieces are concatenated (about 4k entries) and a {@link RandomProjection}
 * takes them to k. Both stages are Johnson–Lindenstrauss projections, so inner products are preserved in
 * expectation. Entries come from the seed by a hash: the same seed gives the same projection on any machine.
 */
public final class LoraGradientProjection implements AutoCloseable {

    private final NDManager manager;
    private final List<String> names = new ArrayList<>();
    private final List<NDArray> matrices = new ArrayList<>();
    private final List<Boolean> alongColumns = new ArrayList<>();
    private final RandomProjection last;
    private final int inputDimension;
    private final List<Integer> moduleSizes = new ArrayList<>();

    public LoraGradientProjection(Adapter adapter, int dimension, long seed) {
        Map<String, NDArray> tensors = adapter.tensors();
        NDManager parent = tensors.values().iterator().next().getManager();
        this.manager = parent.newSubManager();
        this.inputDimension = (int) adapter.parameterCount();
        int budget = Math.max(1, (4 * dimension + tensors.size() - 1) / tensors.size());
        int middle = 0;
        int index = 0;
        String lastModule = null;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            Shape shape = e.getValue().getShape();
            long rows = shape.get(0);
            long cols = shape.get(1);
            boolean columns = cols >= rows; // lora_A [r, in]: project the in side; lora_B [out, r]: the out side
            int longSide = (int) Math.max(rows, cols);
            int shortSide = (int) Math.min(rows, cols);
            int b = Math.min(longSide, Math.max(1, (budget + shortSide - 1) / shortSide));
            float[] values = new float[longSide * b];
            float scale = (float) (1 / Math.sqrt(b));
            for (int i = 0; i < longSide; i++) {
                for (int j = 0; j < b; j++) {
                    long bits = mix(seed ^ mix(0x632BE59BD9B4E019L * (index + 1)) ^ mix((long) i * b + j + 1));
                    values[i * b + j] = (bits & 1L) == 1L ? scale : -scale;
                }
            }
            names.add(e.getKey());
            matrices.add(manager.create(values, new Shape(longSide, b)));
            alongColumns.add(columns);
            middle += shortSide * b;
            index++;
            // lora_A and lora_B of one module are one block of the per-layer preconditioners
            String module = e.getKey().replaceFirst("\\.lora_[AB]\\.weight$", "");
            if (module.equals(lastModule)) {
                moduleSizes.set(moduleSizes.size() - 1, moduleSizes.get(moduleSizes.size() - 1) + shortSide * b);
            } else {
                moduleSizes.add(shortSide * b);
            }
            lastModule = module;
        }
        this.last = new RandomProjection(middle, dimension, seed ^ 0x5DEECE66DL);
    }

    public int inputDimension() {
        return inputDimension;
    }

    public int dimension() {
        return last.dimension();
    }

    /** Entries of the per-layer projection ({@link #projectLayers}), the sum of {@link #layerSizes()}. */
    public int layeredDimension() {
        return last.inputDimension();
    }

    /** Entries per adapted module (lora_A and lora_B together) in the per-layer projection, in order. */
    public int[] layerSizes() {
        return moduleSizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Projects the gradients (same names and shapes as the adapter's tensors) to {@link #dimension()} entries. */
    float[] project(Map<String, NDArray> gradients) {
        return last.project(projectLayers(gradients));
    }

    /** Both stages: the per-layer projection and its mix to {@link #dimension()} entries. */
    ProjectedGradient projectBoth(Map<String, NDArray> gradients) {
        float[] layered = projectLayers(gradients);
        return new ProjectedGradient(last.project(layered), layered);
    }

    /** The per-tensor stage only: each module's gradient projected on its own, concatenated module by module. */
    float[] projectLayers(Map<String, NDArray> gradients) {
        float[] middle = new float[last.inputDimension()];
        int at = 0;
        for (int t = 0; t < names.size(); t++) {
            NDArray g = gradients.get(names.get(t));
            NDArray p = matrices.get(t);
            try (NDArray projected =
                    alongColumns.get(t) ? g.matMul(p) : g.transpose().matMul(p)) {
                float[] values = projected.toFloatArray();
                System.arraycopy(values, 0, middle, at, values.length);
                at += values.length;
            }
        }
        return middle;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
