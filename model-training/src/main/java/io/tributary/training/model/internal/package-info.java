/** Model internals: DJL blocks of the transformer, attention masks, low-rank routing, safetensors I/O. */
package io.tributary.training.model.internal;
