package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;

/**
 * A key/value cache that the layers write into during a pass: each layer stores its new keys and values in place
 * and attends over what the cache returns, so nothing is concatenated and copied per layer and step.
 */
public interface AttentionCache {

    /**
     * Stores layer {@code layer}'s new keys and values ([batch, heads, time, headWidth]) and returns the keys and
     * values to attend over, {@code {keys, values}}, with the mask of the pass blocking what a row must not see.
     */
    NDArray[] store(int layer, NDArray keys, NDArray values);
}
