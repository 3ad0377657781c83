/**
 * Data attribution behind the {@link io.tributary.training.attribution.Attribution} facade: per-record LoRA
 * gradients projected and preconditioned per layer ({@link io.tributary.training.attribution.GradientIndex}: exact
 * layer-wise damped Fisher, DataInf, whole-model Fisher), the BM25, gradient-cosine and gradient-dot baselines,
 * verbatim spans from a token suffix array, the credit rules that turn scores into contributor weights
 * ({@link io.tributary.training.attribution.CreditRules}), and the fidelity evaluation
 * ({@link io.tributary.training.attribution.FidelityEvaluation}).
 */
package io.tributary.training.attribution;
