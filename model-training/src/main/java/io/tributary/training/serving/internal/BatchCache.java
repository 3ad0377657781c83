package io.tributary.training.serving.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The keys and values of every running sequence in one preallocated tensor per layer,
 * [maxRows, heads, context, headWidth]. Rows are kept compact (0..rows-1), so a decode step reads the cache as a
 * slice instead of stacking per-sequence caches, and each new token is written in place.
 */
public final class BatchCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final int[] lengths;
    private int rows;

    public BatchCache(NDManager parent, int layers, int maxRows, int heads, int context, int headWidth) {
        manager = parent.newSubManager();
        keys = new NDArray[layers];
        values = new NDArray[layers];
        for (int i = 0; i < layers; i++) {
            keys[i] = manager.zeros(new Shape(maxRows, heads, context, headWidth));
            values[i] = manager.zeros(new Shape(maxRows, heads, context, headWidth));
        }
        lengths = new int[maxRows];
    }

    public int rows() {
        return rows;
    }

    public int length(int row) {
        return lengths[row];
    }

    public int[] lengths() {
        return java.util.Arrays.copyOf(lengths, rows);
    }

    /** Adds a row holding a prefill's keys and values ([1, heads, time, headWidth] per layer); returns the row. */
    public int add(NDArray[] newKeys, NDArray[] newValues) {
        int row = rows++;
        int time = (int) newKeys[0].getShape().get(2);
        NDIndex target = new NDIndex("{}, :, :{}, :", row, time);
        for (int i = 0; i < keys.length; i++) {
            keys[i].set(target, newKeys[i].squeeze(0));
            values[i].set(target, newValues[i].squeeze(0));
        }
        lengths[row] = time;
        return row;
    }

    /** Writes one decoded token's keys and values for every row ([rows, heads, 1, headWidth] per layer). */
    public void append(NDArray[] newKeys, NDArray[] newValues) {
        long[] rowIds = new long[rows];
        long[] columns = new long[rows];
        for (int row = 0; row < rows; row++) {
            rowIds[row] = row;
            columns[row] = lengths[row];
        }
        // One advanced-index write per tensor puts every row's token at its own position, in place.
        try (NDArray r = manager.create(rowIds);
                NDArray c = manager.create(columns)) {
            NDIndex target = new NDIndex("{}, :, {}", r, c);
            for (int i = 0; i < keys.length; i++) {
                keys[i].set(target, newKeys[i].squeeze(2));
                values[i].set(target, newValues[i].squeeze(2));
            }
        }
        for (int row = 0; row < rows; row++) {
            lengths[row]++;
        }
    }

    /** Removes a row by moving the last row into its place; returns the index of the row that moved. */
    public int remove(int row) {
        int last = --rows;
        if (row != last) {
            NDIndex from = new NDIndex("{}", last);
            NDIndex to = new NDIndex("{}", row);
            for (int i = 0; i < keys.length; i++) {
                keys[i].set(to, keys[i].get(from));
                values[i].set(to, values[i].get(from));
            }
            lengths[row] = lengths[last];
        }
        lengths[last] = 0;
        return last;
    }

    /** Per-layer views of the running rows' cached keys, up to the longest row. */
    public NDArray[] pastKeys(int maxLength) {
        return slice(keys, maxLength);
    }

    public NDArray[] pastValues(int maxLength) {
        return slice(values, maxLength);
    }

    private NDArray[] slice(NDArray[] tensors, int maxLength) {
        NDArray[] views = new NDArray[tensors.length];
        NDIndex index = new NDIndex(":{}, :, :{}, :", rows, maxLength);
        for (int i = 0; i < tensors.length; i++) {
            views[i] = tensors[i].get(index);
        }
        return views;
    }

    @Override
    public void close() {
        manager.close();
    }
}
