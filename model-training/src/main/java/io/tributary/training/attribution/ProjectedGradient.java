package io.tributary.training.attribution;

/**
 * One example's LoRA gradient after projection.
 *
 * @param projected the k entries the whole-model preconditioner and the gradient baselines use
 * @param layered the per-layer projection (each adapted module's entries together, module by module) the per-layer
 *     preconditioners (DataInf, layer-wise damped Fisher) use; null when not computed
 */
public record ProjectedGradient(float[] projected, float[] layered) {

    public ProjectedGradient {
        if (projected == null) {
            throw new IllegalArgumentException("A projected gradient needs its k entries");
        }
    }
}
