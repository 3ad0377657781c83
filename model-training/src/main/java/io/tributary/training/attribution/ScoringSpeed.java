package io.tributary.training.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Times scoring one inference against a gradient index of synthetic projected gradients (the scoring step does not
 * depend on where the gradients came from), for the {@code bench} command.
 */
public final class ScoringSpeed {

    /**
     * Milliseconds per scored query (all records scored, top 10 kept), by method.
     *
     * @param layers adapted modules of the per-layer projection
     * @param layeredDimension entries of the per-layer projection ({@code layers} blocks of equal size)
     */
    public record Measurement(
            int records,
            int dimension,
            int layers,
            int layeredDimension,
            int queries,
            double buildMs,
            List<MethodTiming> methods) {}

    /** One method's latency percentiles over the queries. */
    public record MethodTiming(String method, double p50Ms, double p95Ms) {}

    private ScoringSpeed() {}

    /** As the factory's default adapter is projected: 16 adapted modules of 64 entries (rank 8, k = 256). */
    public static Measurement measure(int records, int dimension, int queries, long seed) {
        return measure(records, dimension, 16, 64, queries, seed);
    }

    public static Measurement measure(int records, int dimension, int layers, int layerSize, int queries, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[records][dimension];
        int m = layers * layerSize;
        float[][] layered = new float[records][m];
        List<String> ids = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            for (int j = 0; j < dimension; j++) {
                rows[i][j] = (float) random.nextGaussian();
            }
            for (int j = 0; j < m; j++) {
                layered[i][j] = (float) random.nextGaussian();
            }
            ids.add("record-" + i);
        }
        int[] sizes = new int[layers];
        java.util.Arrays.fill(sizes, layerSize);
        long start = System.nanoTime();
        GradientIndex index = GradientIndex.fromProjected(
                rows, layered, sizes, ids, 1, new GradientIndexConfig(dimension, seed, 0.1));
        double buildMs = (System.nanoTime() - start) / 1e6;
        List<MethodTiming> timings = new ArrayList<>();
        for (GradientIndex.Method method : GradientIndex.Method.values()) {
            for (int warm = 0; warm < Math.min(queries, 20); warm++) {
                int r = random.nextInt(records);
                index.score(new ProjectedGradient(rows[r], layered[r]), method, 10);
            }
            double[] ms = new double[queries];
            for (int q = 0; q < queries; q++) {
                int r = random.nextInt(records);
                ProjectedGradient query = new ProjectedGradient(rows[r], layered[r]);
                long t = System.nanoTime();
                index.score(query, method, 10);
                ms[q] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            timings.add(new MethodTiming(method.methodName(), percentile(ms, 0.5), percentile(ms, 0.95)));
        }
        return new Measurement(records, dimension, layers, m, queries, buildMs, timings);
    }

    static double percentile(double[] sorted, double p) {
        int at = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, at))];
    }
}
