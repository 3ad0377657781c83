/** The GPT-2-style language model: configuration, Hugging Face loading and saving, forward passes. */
package io.tributary.training.model;
