package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;

/**
 * Result of a forward pass.
 *
 * @param logits [batch, time or 1, vocabulary]
 * @param keys per layer, the keys of this pass's tokens [batch, heads, time, headWidth]
 * @param values per layer, like {@code keys}
 * @param allKeys per layer, the past keys followed by this pass's [batch, heads, past + time, headWidth]
 * @param allValues per layer, like {@code allKeys}
 */
public record ForwardOutput(NDArray logits, NDArray[] keys, NDArray[] values, NDArray[] allKeys, NDArray[] allValues) {}
