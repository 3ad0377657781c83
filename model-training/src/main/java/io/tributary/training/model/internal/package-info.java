/**
 * Model internals: DJL blocks of the GPT-2 and Llama families, architecture detection, per-thread autograd, attention
 * masks, low-rank routing, safetensors I/O.
 */
package io.tributary.training.model.internal;
