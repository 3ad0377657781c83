/** Per-example gradients of LoRA parameters and their seeded random projections, for data attribution. */
package io.tributary.training.attribution;
