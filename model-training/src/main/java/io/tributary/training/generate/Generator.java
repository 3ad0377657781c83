package io.tributary.training.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.tributary.training.generate.internal.Sampler;
import io.tributary.training.generate.internal.TextStream;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.DecoderNetwork;
import io.tributary.training.model.internal.ForwardInput;
import io.tributary.training.model.internal.ForwardOutput;
import io.tributary.training.model.internal.KvCache;
import io.tributary.training.model.internal.LoraRoute;
import io.tributary.training.model.internal.Masks;
import io.tributary.training.tokenizer.Tokenizer;
import java.util.Arrays;

/** Generates text from a model, optionally through an adapter, streaming tokens to a listener. */
public final class Generator {

    private final LanguageModel model;
    private final Tokenizer tokenizer;

    public Generator(LanguageModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** A generator using the model's own tokenizer. */
    public Generator(LanguageModel model) {
        this(model, model.requireTokenizer());
    }

    public Generation generate(String prompt, GenerationConfig config) {
        return generate(prompt, null, config, TokenListener.none());
    }

    /** Generates a continuation of {@code prompt}; {@code adapter} may be null for the base model. */
    public Generation generate(String prompt, Adapter adapter, GenerationConfig config, TokenListener listener) {
        int[] promptTokens = tokenizer.encode(prompt);
        if (promptTokens.length == 0) {
            // An empty prompt starts a new document, as GPT-2 does.
            promptTokens = new int[] {tokenizer.endOfTextId()};
        }
        int context = model.config().contextLength();
        if (promptTokens.length >= context) {
            // Keep the most recent tokens and leave room for at least one new one.
            promptTokens = Arrays.copyOfRange(promptTokens, promptTokens.length - context + 1, promptTokens.length);
        }
        TextStream stream = new TextStream(tokenizer, config.stopSequences(), listener);
        Sampler sampler = new Sampler(config, promptTokens);
        int[] tokens = Arrays.copyOf(promptTokens, context);
        int length = promptTokens.length;
        int[] generated = new int[config.maxNewTokens()];
        int count = 0;
        Generation.StopReason reason = Generation.StopReason.MAX_TOKENS;
        LoraRoute route = adapter == null ? null : adapter.route();
        try (KvCache cache = new KvCache(model.config().layers())) {
            float[] logits = config.useKvCache()
                    ? step(Arrays.copyOf(tokens, length), cache, route)
                    : step(Arrays.copyOf(tokens, length), null, route);
            while (true) {
                // Models may pad their vocabulary beyond the tokenizer's; those ids have no text and are never picked.
                int next = sampler.next(Arrays.copyOf(logits, Math.min(logits.length, tokenizer.vocabularySize())));
                if (config.stopAtEndOfText() && next == tokenizer.endOfTextId()) {
                    reason = Generation.StopReason.END_OF_TEXT;
                    break;
                }
                generated[count++] = next;
                tokens[length++] = next;
                if (stream.add(next)) {
                    reason = Generation.StopReason.STOP_SEQUENCE;
                    break;
                }
                if (count == config.maxNewTokens()) {
                    break;
                }
                if (length == context) {
                    reason = Generation.StopReason.CONTEXT_FULL;
                    break;
                }
                logits = config.useKvCache()
                        ? step(new int[] {next}, cache, route)
                        : step(Arrays.copyOf(tokens, length), null, route);
            }
        }
        String text = stream.finish();
        return new Generation(text, Arrays.copyOf(generated, count), reason, sampler.seed());
    }

    /** Runs new tokens through the model (after the cached ones, if a cache is given); last position's logits. */
    private float[] step(int[] newTokens, KvCache cache, LoraRoute route) {
        NDManager manager = model.manager();
        try (NDScope ignored = new NDScope()) {
            int past = cache == null ? 0 : cache.length();
            int time = newTokens.length;
            long[] ids = new long[time];
            for (int i = 0; i < time; i++) {
                ids[i] = newTokens[i];
            }
            NDArray tokens = manager.create(ids, new Shape(1, time));
            ForwardOutput out = model.network()
                    .forward(new ForwardInput(
                            tokens,
                            DecoderNetwork.positions(manager, 1, time, past),
                            // One new token may attend to every cached one: nothing to mask.
                            time == 1 ? null : Masks.causal(manager, time, past),
                            cache == null ? null : cache.keys(),
                            cache == null ? null : cache.values(),
                            route,
                            false,
                            true));
            if (cache != null) {
                cache.replace(out.allKeys(), out.allValues());
            }
            return out.logits().toFloatArray();
        }
    }
}
