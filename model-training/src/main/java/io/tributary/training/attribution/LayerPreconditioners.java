package io.tributary.training.attribution;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Block-diagonal preconditioners over the per-layer projected gradients, one block per adapted module, fitted with
 * native matmuls over all records at once:
 *
 * <ul>
 *   <li>DataInf (Kwon et al., 2024), the closed form for LoRA: {@code (G_lᵀG_l/n + λ_l I)⁻¹ ≈ (1/λ_l)(I − (1/n)
 *       Σᵢ g_il g_ilᵀ / (λ_l + ‖g_il‖²))}, swapping the inverse of the average for the average of rank-one
 *       inverses (Sherman–Morrison), with {@code λ_l = ratio · mean ‖g_il‖² / d_l} as in the paper;
 *   <li>layer-wise damped Fisher: the exact {@code (G_lᵀG_l/n + λ_l I)⁻¹} per block, the block-diagonal (per-layer,
 *       as K-FAC) restriction of the whole-model preconditioner.
 * </ul>
 */
final class LayerPreconditioners {

    /** Which block preconditioner. */
    enum Kind {
        DATAINF,
        LAYERWISE
    }

    private final int[] sizes;
    private final int[] offsets;
    private final float[] datainf;
    private final float[] layerwise;
    private final int[] matrixOffsets;

    LayerPreconditioners(int[] sizes, float[] datainf, float[] layerwise) {
        this.sizes = sizes.clone();
        this.offsets = new int[sizes.length + 1];
        this.matrixOffsets = new int[sizes.length + 1];
        for (int b = 0; b < sizes.length; b++) {
            if (sizes[b] <= 0) {
                throw new IllegalArgumentException("Layer sizes must be positive");
            }
            offsets[b + 1] = offsets[b] + sizes[b];
            matrixOffsets[b + 1] = matrixOffsets[b] + sizes[b] * sizes[b];
        }
        if (datainf.length != matrixOffsets[sizes.length] || layerwise.length != matrixOffsets[sizes.length]) {
            throw new IllegalArgumentException("Layer preconditioners do not match the layer sizes");
        }
        this.datainf = datainf;
        this.layerwise = layerwise;
    }

    /** Fits both preconditioners to n records' per-layer gradients (row-major n×m). */
    static LayerPreconditioners fit(float[] layered, int n, int[] sizes, double dampingRatio) {
        int m = 0;
        for (int s : sizes) {
            m += s;
        }
        if (layered.length != n * m) {
            throw new IllegalArgumentException("Expected " + n + "×" + m + " per-layer entries, got " + layered.length);
        }
        int total = 0;
        for (int s : sizes) {
            total += s * s;
        }
        float[] datainf = new float[total];
        float[] layerwise = new float[total];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray all = manager.create(layered, new Shape(n, m));
            int at = 0;
            int matrixAt = 0;
            for (int d : sizes) {
                try (NDManager block = manager.newSubManager()) {
                    NDArray g = all.get(":, " + at + ":" + (at + d));
                    g.attach(block);
                    NDArray squaredNorms = g.mul(g).sum(new int[] {1}); // ‖g_i‖², n
                    double lambda = dampingRatio * Math.max(squaredNorms.mean().getFloat(), 1e-30f) / d;
                    NDArray eye = block.eye(d);
                    // DataInf: (I − Gᵀ diag(1/(λ + ‖g_i‖²)) G / n) / λ
                    NDArray weights = block.create(1f).div(squaredNorms.add(block.create((float) lambda)));
                    NDArray weighted = g.mul(weights.reshape(n, 1));
                    NDArray outer = g.transpose().matMul(weighted).div(block.create((float) n));
                    float[] di =
                            eye.sub(outer).div(block.create((float) lambda)).toFloatArray();
                    System.arraycopy(di, 0, datainf, matrixAt, d * d);
                    // exact per-layer damped Fisher inverse
                    NDArray fisher = g.transpose().matMul(g).div(block.create((float) n));
                    NDArray damped = fisher.add(eye.mul(block.create((float) lambda)));
                    float[] inv = damped.inverse().toFloatArray();
                    System.arraycopy(inv, 0, layerwise, matrixAt, d * d);
                }
                at += d;
                matrixAt += d * d;
            }
        }
        return new LayerPreconditioners(sizes, datainf, layerwise);
    }

    /** Each row's squared length {@code gᵢᵀP gᵢ} in the preconditioner's metric, with one native matmul per block. */
    float[] squaredNorms(Kind kind, float[] layered, int n) {
        int m = dimension();
        float[] p = matrices(kind);
        float[] result = new float[n];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray all = manager.create(layered, new Shape(n, m));
            NDArray total = manager.zeros(new Shape(n));
            for (int b = 0; b < sizes.length; b++) {
                int d = sizes[b];
                NDArray g = all.get(":, " + offsets[b] + ":" + offsets[b + 1]);
                float[] block = new float[d * d];
                System.arraycopy(p, matrixOffsets[b], block, 0, d * d);
                NDArray matrix = manager.create(block, new Shape(d, d));
                // rows of G Pᵀ dotted with rows of G: gᵢᵀ P gᵢ (P is symmetric)
                total = total.add(g.matMul(matrix.transpose()).mul(g).sum(new int[] {1}));
            }
            float[] values = total.toFloatArray();
            System.arraycopy(values, 0, result, 0, n);
        }
        return result;
    }

    int[] sizes() {
        return sizes.clone();
    }

    int dimension() {
        return offsets[sizes.length];
    }

    float[] matrices(Kind kind) {
        return kind == Kind.DATAINF ? datainf : layerwise;
    }

    /** {@code out = P x}, block by block. */
    void apply(Kind kind, float[] x, int xFrom, float[] out) {
        float[] p = matrices(kind);
        for (int b = 0; b < sizes.length; b++) {
            int d = sizes[b];
            int o = offsets[b];
            int mo = matrixOffsets[b];
            for (int r = 0; r < d; r++) {
                double s = 0;
                int row = mo + r * d;
                for (int c = 0; c < d; c++) {
                    s += p[row + c] * x[xFrom + o + c];
                }
                out[o + r] = (float) s;
            }
        }
    }
}
