package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Additive attention masks: 0 where a query may attend, a large negative number where it may not. */
public final class Masks {

    /** Finite rather than -inf so that a fully masked (padding) row gives a uniform softmax, not NaN. */
    public static final float BLOCKED = -1e9f;

    private Masks() {}

    /** Causal mask [1, 1, time, past + time]: query t sees every cached key and the new keys up to itself. */
    public static NDArray causal(NDManager manager, int time, int past) {
        int keys = past + time;
        float[] mask = new float[time * keys];
        for (int t = 0; t < time; t++) {
            for (int j = past + t + 1; j < keys; j++) {
                mask[t * keys + j] = BLOCKED;
            }
        }
        return manager.create(mask, new Shape(1, 1, time, keys));
    }

    /**
     * Causal mask for rows padded on the right: row b has {@code lengths[b]} real tokens among {@code time}; padding
     * positions are blocked as keys.
     */
    public static NDArray causalPadded(NDManager manager, int[] lengths, int time) {
        float[] mask = new float[lengths.length * time * time];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < time; t++) {
                for (int j = 0; j < time; j++) {
                    if (j > t || j >= lengths[b]) {
                        mask[(b * time + t) * time + j] = BLOCKED;
                    }
                }
            }
        }
        return manager.create(mask, new Shape(lengths.length, 1, time, time));
    }

    /**
     * Mask for one decode step whose new keys were written at each row's own position: row b sees its first
     * {@code pastLengths[b]} cached keys and its new key right after them, among {@code max(pastLengths) + 1}.
     */
    public static NDArray decodeInPlace(NDManager manager, int[] pastLengths) {
        int keys = 1;
        for (int length : pastLengths) {
            keys = Math.max(keys, length + 1);
        }
        float[] mask = new float[pastLengths.length * keys];
        for (int b = 0; b < pastLengths.length; b++) {
            for (int j = pastLengths[b] + 1; j < keys; j++) {
                mask[b * keys + j] = BLOCKED;
            }
        }
        return manager.create(mask, new Shape(pastLengths.length, 1, 1, keys));
    }
}
