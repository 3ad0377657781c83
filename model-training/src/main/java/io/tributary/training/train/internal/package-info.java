/** Training internals: the AdamW optimiser, the learning-rate schedule, batching and checkpoint files. */
package io.tributary.training.train.internal;
