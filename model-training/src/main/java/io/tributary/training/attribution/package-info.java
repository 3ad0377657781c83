/**
 * Data attribution behind the {@link io.tributary.training.attribution.Attribution} facade: per-record LoRA
 * gradients projected and preconditioned ({@link io.tributary.training.attribution.GradientIndex}), the BM25 and
 * gradient-cosine baselines, and verbatim spans from a token suffix array.
 */
package io.tributary.training.attribution;
