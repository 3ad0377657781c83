/** Hosted adapter serving: one base model, many LoRA adapters in one batch, continuous batching. */
package io.tributary.training.serving;
