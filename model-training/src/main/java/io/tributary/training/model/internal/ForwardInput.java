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
 * @param cache when not null, layers store their new keys and values there and attend over what it returns
 *     ({@code pastKeys} and {@code pastValues} are then ignored)
 */
public record ForwardInput(
        NDArray tokens,
        NDArray positions,
        NDArray mask,
        NDArray[] pastKeys,
        NDArray[] pastValues,
        LoraRoute route,
        boolean training,
        boolean lastOnly,
        AttentionCache cache) {

    public ForwardInput(
            NDArray tokens,
            NDArray positions,
            NDArray mask,
            NDArray[] pastKeys,
            NDArray[] pastValues,
            LoraRoute route,
            boolean training,
            boolean lastOnly) {
        this(tokens, positions, mask, pastKeys, pastValues, route, training, lastOnly, null);
    }
}
