package io.tributary.training.model;

/**
 * What the platform records about a base model.
 *
 * @param architecture Hugging Face architecture name, e.g. {@code GPT2LMHeadModel}, {@code Qwen2ForCausalLM}
 * @param licence the folder's licence (an SPDX id when recognised, else the LICENSE file's first line), the
 *     caller's, or {@code unknown}
 * @param sha256 hex SHA-256 of {@code model.safetensors}
 * @param parameters number of weights (a tied LM head counted once)
 * @param contextLength the longest input in tokens
 * @param vocabularySize embedding rows ({@code vocab_size})
 */
public record BaseModelInfo(
        String architecture, String licence, String sha256, long parameters, int contextLength, int vocabularySize) {}
