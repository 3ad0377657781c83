package io.tributary.training.serving.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.tributary.training.model.internal.AttentionCache;

/**
 * The keys and values of every running sequence in one preallocated tensor per layer,
 * [maxRows, heads, context, headWidth]. Rows are kept compact (0..rows-1), so a decode step reads the cache as a
 * slice instead of stacking per-sequence caches, and each new token is written in place by the layers themselves
 * ({@link #decodeStep()}).
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

    /**
     * The cache of one decode step: each layer writes every row's new key and value at that row's own position
     * (its length) in place, then attends over the rows' keys up to the longest row plus one. Masks rows with
     * {@link io.tributary.training.model.internal.Masks#decodeInPlace}; call {@link DecodeStep#close} after the
     * pass to count the new token.
     */
    public DecodeStep decodeStep() {
        return new DecodeStep();
    }

    /** One decode step's writes into the cache; see {@link #decodeStep()}. */
    public final class DecodeStep implements AttentionCache, AutoCloseable {
        private final NDArray rowIndex;
        private final NDArray columnIndex;
        private final NDIndex window;

        private DecodeStep() {
            long[] rowIds = new long[rows];
            long[] columns = new long[rows];
            int longest = 0;
            for (int row = 0; row < rows; row++) {
                rowIds[row] = row;
                columns[row] = lengths[row];
                longest = Math.max(longest, lengths[row]);
            }
            rowIndex = manager.create(rowIds);
            columnIndex = manager.create(columns);
            window = new NDIndex(":{}, :, :{}, :", rows, longest + 1);
        }

        @Override
        public NDArray[] store(int layer, NDArray newKeys, NDArray newValues) {
            NDIndex target = new NDIndex("{}, :, {}", rowIndex, columnIndex);
            keys[layer].set(target, newKeys.squeeze(2));
            values[layer].set(target, newValues.squeeze(2));
            return new NDArray[] {keys[layer].get(window), values[layer].get(window)};
        }

        @Override
        public void close() {
            rowIndex.close();
            columnIndex.close();
            for (int row = 0; row < rows; row++) {
                lengths[row]++;
            }
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

    @Override
    public void close() {
        manager.close();
    }
}
