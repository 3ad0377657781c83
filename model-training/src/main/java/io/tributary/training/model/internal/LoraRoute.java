package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;

/** Supplies the low-rank update that a forward pass adds to each adaptable projection. */
public interface LoraRoute {

    /**
     * Returns the update for {@code module} (a Hugging Face module path such as {@code h.0.attn.c_attn}) given its
     * input {@code x} of shape [batch, time, in], or null when the module is not adapted.
     */
    NDArray delta(String module, NDArray x, boolean training);
}
