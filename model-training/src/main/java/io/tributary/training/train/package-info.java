/** Training runs: causal-LM pretraining and supervised LoRA fine-tuning with checkpoints, resume and listeners. */
package io.tributary.training.train;
