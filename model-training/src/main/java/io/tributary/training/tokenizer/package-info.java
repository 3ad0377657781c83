/** Byte-level BPE tokenization compatible with Hugging Face GPT-2 {@code tokenizer.json} files. */
package io.tributary.training.tokenizer;
