package io.tributary.training.attribution;

/**
 * How a {@link GradientIndex} is built.
 *
 * @param dimension k, the projected gradient length
 * @param seed the random projection's seed (stored in the index: queries must use the same projection)
 * @param dampingRatio λ of the preconditioner {@code (GᵀG/n + λ·mean eigenvalue·I)⁻¹}, relative to the mean
 *     eigenvalue so it does not depend on the gradients' scale
 */
public record GradientIndexConfig(int dimension, long seed, double dampingRatio) {

    public GradientIndexConfig {
        if (dimension <= 0 || dimension > 8192) {
            throw new IllegalArgumentException("dimension must be in 1..8192, got " + dimension);
        }
        if (!(dampingRatio > 0) || Double.isInfinite(dampingRatio)) {
            throw new IllegalArgumentException("dampingRatio must be positive, got " + dampingRatio);
        }
    }

    public static GradientIndexConfig defaults() {
        return new GradientIndexConfig(256, 20261206L, 0.1);
    }
}
