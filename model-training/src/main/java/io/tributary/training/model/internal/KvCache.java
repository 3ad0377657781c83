package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/** Attention keys and values of one sequence's past tokens, per layer, [1, heads, length, headWidth]. */
public final class KvCache implements AutoCloseable {

    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;

    public KvCache(int layers) {
        keys = new NDArray[layers];
        values = new NDArray[layers];
    }

    public int length() {
        return length;
    }

    /** Per-layer keys, or null while empty. */
    public NDArray[] keys() {
        return length == 0 ? null : keys;
    }

    public NDArray[] values() {
        return length == 0 ? null : values;
    }

    /**
     * Takes a pass's past-and-new keys and values ({@link ForwardOutput#allKeys()}) as the cache, instead of
     * concatenating the new ones a second time; they outlive the caller's scope until replaced or closed.
     */
    public void replace(NDArray[] allKeys, NDArray[] allValues) {
        for (int i = 0; i < keys.length; i++) {
            keys[i] = take(keys[i], allKeys[i]);
            values[i] = take(values[i], allValues[i]);
        }
        length = (int) allKeys[0].getShape().get(2);
    }

    private static NDArray take(NDArray old, NDArray all) {
        NDScope.unregister(all);
        if (old != null && old != all) {
            old.close();
        }
        return all;
    }

    @Override
    public void close() {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                keys[i].close();
                values[i].close();
            }
        }
        length = 0;
    }
}
