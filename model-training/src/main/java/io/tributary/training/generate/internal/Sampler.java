package io.tributary.training.generate.internal;

import io.tributary.training.generate.GenerationConfig;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the next token from logits: greedy, or temperature sampling restricted by top-k and top-p. Only the
 * candidates top-k and top-p can keep are ordered (a bounded heap for top-k, a heap popped until the mass is reached
 * for top-p), never the whole vocabulary. One sampler serves one sequence: it counts the tokens it picked, for
 * OpenAI's frequency and presence penalties (which count the answer only), and keeps the prompt and answer, for
 * Hugging Face's repetition penalty and n-gram rule (which count both).
 */
public final class Sampler {

    private final GenerationConfig config;
    private final long seed;
    private final Random random;
    private final Map<Integer, Integer> picked = new HashMap<>();
    private final BitSet seen = new BitSet();
    private int[] history;
    private int length;

    /** A sampler for a sequence starting with {@code prompt} (the tokens the model is given). */
    public Sampler(GenerationConfig config, int[] prompt) {
        this.config = config;
        this.history = Arrays.copyOf(prompt, prompt.length + Math.min(config.maxNewTokens(), 1 << 16));
        this.length = prompt.length;
        for (int token : prompt) {
            seen.set(token);
        }
        this.seed = config.seed() != null
                ? config.seed()
                : ThreadLocalRandom.current().nextLong();
        this.random = new Random(seed);
    }

    /** The seed this sampler draws from: the configured one, or the fresh one it drew. */
    public long seed() {
        return seed;
    }

    /** The next token; {@code logits} may be changed (the penalties are applied to it in place). */
    public int next(float[] logits) {
        penalize(logits);
        int token = choose(logits);
        picked.merge(token, 1, Integer::sum);
        seen.set(token);
        if (length == history.length) {
            history = Arrays.copyOf(history, length * 2);
        }
        history[length++] = token;
        return token;
    }

    private void penalize(float[] logits) {
        double repetition = config.repetitionPenalty();
        if (repetition != 1) {
            for (int t = seen.nextSetBit(0); t >= 0 && t < logits.length; t = seen.nextSetBit(t + 1)) {
                logits[t] = (float) (logits[t] > 0 ? logits[t] / repetition : logits[t] * repetition);
            }
        }
        banRepeatedNgrams(logits);
        penalizeAnswer(logits);
    }

    /** Forbids every token that would complete an n-gram the prompt and text already hold. */
    private void banRepeatedNgrams(float[] logits) {
        int n = config.noRepeatNgramSize();
        if (n == 0 || length + 1 < n) {
            return;
        }
        int prefix = length - (n - 1);
        for (int start = 0; start + n <= length; start++) {
            if (Arrays.equals(history, start, start + n - 1, history, prefix, length)) {
                int banned = history[start + n - 1];
                if (banned < logits.length) {
                    logits[banned] = Float.NEGATIVE_INFINITY;
                }
            }
        }
    }

    private void penalizeAnswer(float[] logits) {
        double frequency = config.frequencyPenalty();
        double presence = config.presencePenalty();
        if (frequency == 0 && presence == 0) {
            return;
        }
        picked.forEach((token, count) -> {
            if (token < logits.length) {
                logits[token] -= (float) (count * frequency + presence);
            }
        });
    }

    private int choose(float[] logits) {
        if (config.temperature() == 0) {
            return argmax(logits);
        }
        Distribution d = distribution(logits, config.temperature(), config.topK(), config.topP());
        double r = random.nextDouble() * d.total();
        for (int i = 0; i < d.size(); i++) {
            r -= d.weights()[i];
            if (r <= 0) {
                return d.tokens()[i];
            }
        }
        return d.tokens()[d.size() - 1];
    }

    /**
     * The tokens sampling may pick and their unnormalised weights (probability = weight / total). With top-k or
     * top-p they come most likely first, ties broken by the smaller id; otherwise in id order.
     */
    public record Distribution(int[] tokens, double[] weights, int size, double total) {}

    /** The candidates of {@link #next}: softmax at the temperature, cut to top-k, then to top-p of what is left. */
    public static Distribution distribution(float[] logits, double temperature, int topK, double topP) {
        int n = logits.length;
        double max = logits[argmax(logits)];
        if (topK > 0 && topK < n) {
            int[] top = topK(logits, topK);
            double[] weights = new double[top.length];
            double total = 0;
            for (int i = 0; i < top.length; i++) {
                weights[i] = Math.exp((logits[top[i]] - max) / temperature);
                total += weights[i];
            }
            return cut(top, weights, top.length, total, topP);
        }
        double[] all = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            all[i] = Math.exp((logits[i] - max) / temperature);
            total += all[i];
        }
        if (topP >= 1) {
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = i;
            }
            return new Distribution(ids, all, n, total);
        }
        // Pop the most likely tokens off a heap over the whole vocabulary until they hold the mass p.
        Heap heap = new Heap(logits, n);
        for (int i = 0; i < n; i++) {
            heap.values[i] = i;
        }
        heap.size = n;
        heap.heapify();
        int[] ids = new int[n];
        double[] weights = new double[n];
        double cumulative = 0;
        int count = 0;
        while (heap.size > 0) {
            int id = heap.pop();
            ids[count] = id;
            weights[count] = all[id];
            cumulative += all[id] / total;
            count++;
            if (cumulative >= topP) {
                break;
            }
        }
        double kept = 0;
        for (int i = 0; i < count; i++) {
            kept += weights[i];
        }
        return new Distribution(ids, weights, count, kept);
    }

    /** Applies top-p to candidates already ordered most likely first, relative to their own total. */
    private static Distribution cut(int[] ids, double[] weights, int count, double total, double topP) {
        if (topP >= 1) {
            return new Distribution(ids, weights, count, total);
        }
        double cumulative = 0;
        int keep = count;
        for (int i = 0; i < count; i++) {
            cumulative += weights[i] / total;
            if (cumulative >= topP) {
                keep = i + 1;
                break;
            }
        }
        double kept = 0;
        for (int i = 0; i < keep; i++) {
            kept += weights[i];
        }
        return new Distribution(ids, weights, keep, kept);
    }

    /** The k best ids, most likely first (ties: smaller id first), through a bounded min-heap: O(n log k). */
    static int[] topK(float[] logits, int k) {
        // The heap's root is the worst of the best k so far, so the heap orders by "less likely first".
        Heap heap = new Heap(logits, k) {
            @Override
            boolean before(int a, int b) {
                return better(b, a);
            }
        };
        for (int i = 0; i < logits.length; i++) {
            if (heap.size < k) {
                heap.push(i);
            } else if (heap.better(i, heap.values[0])) {
                heap.values[0] = i;
                heap.siftDown(0);
            }
        }
        int[] result = new int[heap.size];
        for (int i = result.length - 1; i >= 0; i--) {
            result[i] = heap.pop();
        }
        return result;
    }

    /** A binary heap of token ids ordered by {@link #before}; by default the most likely token on top. */
    private static class Heap {
        final float[] logits;
        final int[] values;
        int size;

        Heap(float[] logits, int capacity) {
            this.logits = logits;
            this.values = new int[capacity];
        }

        boolean better(int a, int b) {
            return logits[a] != logits[b] ? logits[a] > logits[b] : a < b;
        }

        boolean before(int a, int b) {
            return better(a, b);
        }

        void push(int id) {
            int i = size++;
            values[i] = id;
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!before(values[i], values[parent])) {
                    break;
                }
                swap(i, parent);
                i = parent;
            }
        }

        int pop() {
            int top = values[0];
            values[0] = values[--size];
            siftDown(0);
            return top;
        }

        void heapify() {
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        void siftDown(int i) {
            while (true) {
                int left = 2 * i + 1;
                if (left >= size) {
                    return;
                }
                int child = left + 1 < size && before(values[left + 1], values[left]) ? left + 1 : left;
                if (!before(values[child], values[i])) {
                    return;
                }
                swap(i, child);
                i = child;
            }
        }

        private void swap(int a, int b) {
            int t = values[a];
            values[a] = values[b];
            values[b] = t;
        }
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
