package io.tributary.training.generate.internal;

import io.tributary.training.generate.GenerationConfig;
import java.util.Arrays;
import java.util.Random;

/** Picks the next token from logits: greedy, or temperature sampling restricted by top-k and top-p. */
public final class Sampler {

    private final GenerationConfig config;
    private final Random random;

    public Sampler(GenerationConfig config) {
        this.config = config;
        this.random = new Random(config.seed());
    }

    public int next(float[] logits) {
        if (config.temperature() == 0) {
            return argmax(logits);
        }
        int n = logits.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Ties broken by id so that the same logits always give the same order.
        Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : a - b);
        int keep = config.topK() > 0 ? Math.min(config.topK(), n) : n;
        double max = logits[order[0]];
        double[] probabilities = new double[keep];
        double total = 0;
        for (int i = 0; i < keep; i++) {
            probabilities[i] = Math.exp((logits[order[i]] - max) / config.temperature());
            total += probabilities[i];
        }
        if (config.topP() < 1) {
            double cumulative = 0;
            int cut = keep;
            for (int i = 0; i < keep; i++) {
                cumulative += probabilities[i] / total;
                if (cumulative >= config.topP()) {
                    cut = i + 1;
                    break;
                }
            }
            keep = cut;
            total = 0;
            for (int i = 0; i < keep; i++) {
                total += probabilities[i];
            }
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < keep; i++) {
            r -= probabilities[i];
            if (r <= 0) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
