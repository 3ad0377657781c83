/** Tributary's language-model engine: a GPT-2-style transformer with LoRA adapters on DJL and PyTorch. */
package io.tributary.training;
