/** Serving internals: the per-module adapter banks and the sequences being decoded. */
package io.tributary.training.serving.internal;
