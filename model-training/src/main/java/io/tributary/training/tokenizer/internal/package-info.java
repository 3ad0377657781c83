/** Tokenizer internals: the GPT-2 byte alphabet, pre-tokenization and BPE merge training. */
package io.tributary.training.tokenizer.internal;
