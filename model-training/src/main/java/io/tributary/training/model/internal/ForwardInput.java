package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;

/**
 * Everything one forward pass needs.
 *
 * @param tokens int64 [batch, time]
 * @param positions int64 [batch, time], absolute positions of the tokens
 * @param mask float additive attention mask [batch or 1, 1, time, past + time]
 * @param pastKeys per layer [batch, heads, past, headWidth], or null without a cache
 * @param pastValues per layer, like {@code pastKeys}
 * @param route low-rank updates, or null for the base model
 * @param training whether dropout is active
 * @param lastOnly compute logits for the last position only
 */
public record ForwardInput(
        NDArray tokens,
        NDArray positions,
        NDArray mask,
        NDArray[] pastKeys,
        NDArray[] pastValues,
        LoraRoute route,
        boolean training,
        boolean lastOnly) {}
