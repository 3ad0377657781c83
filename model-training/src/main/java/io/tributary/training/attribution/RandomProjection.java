package io.tributary.training.attribution;

/**
 * A seeded Johnson–Lindenstrauss projection to k dimensions with entries ±1/√k. Entries are derived from the seed
 * and their coordinates by a hash, so the matrix is never stored and the same seed always gives the same matrix,
 * on any machine.
 */
public final class RandomProjection {

    private final int inputDimension;
    private final int dimension;
    private final long seed;
    private final int blocks;

    public RandomProjection(int inputDimension, int dimension, long seed) {
        if (inputDimension <= 0 || dimension <= 0) {
            throw new IllegalArgumentException("dimensions must be positive");
        }
        this.inputDimension = inputDimension;
        this.dimension = dimension;
        this.seed = seed;
        this.blocks = (dimension + 63) / 64;
    }

    public int inputDimension() {
        return inputDimension;
    }

    public int dimension() {
        return dimension;
    }

    /** Projects a vector of {@code inputDimension} entries to {@code dimension} entries. */
    public float[] project(float[] vector) {
        if (vector.length != inputDimension) {
            throw new IllegalArgumentException(
                    "Expected a vector of " + inputDimension + " entries, got " + vector.length);
        }
        double[] out = new double[dimension];
        for (int i = 0; i < inputDimension; i++) {
            double g = vector[i];
            if (g == 0) {
                continue;
            }
            for (int block = 0; block < blocks; block++) {
                long bits = mix(seed + 0x9E3779B97F4A7C15L * ((long) i * blocks + block + 1));
                int end = Math.min(64, dimension - block * 64);
                for (int j = 0; j < end; j++) {
                    out[block * 64 + j] += ((bits >>> j) & 1L) == 1L ? g : -g;
                }
            }
        }
        float[] result = new float[dimension];
        double scale = 1.0 / Math.sqrt(dimension);
        for (int j = 0; j < dimension; j++) {
            result[j] = (float) (out[j] * scale);
        }
        return result;
    }

    /** SplitMix64's finaliser: a bijective 64-bit hash with good avalanche. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
