/** LoRA adapters: configuration, PEFT-format saving and loading, merging into the base model. */
package io.tributary.training.lora;
