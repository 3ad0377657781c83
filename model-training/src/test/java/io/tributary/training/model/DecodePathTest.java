package io.tributary.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.tributary.training.TestModels;
import io.tributary.training.generate.Generation;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.Generator;
import io.tributary.training.generate.TokenListener;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.internal.DecoderNetwork;
import io.tributary.training.model.internal.ForwardInput;
import io.tributary.training.model.internal.ForwardOutput;
import io.tributary.training.model.internal.KvCache;
import io.tributary.training.model.internal.LoraRoute;
import io.tributary.training.model.internal.Masks;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The decode path's shortcuts (constants and transposed weights kept across passes, no mask for a single new token,
 * the layer's concatenated keys kept as the cache) against the graph a training pass builds, which creates every
 * tensor afresh and masks every step as the engine did before.
 */
class DecodePathTest {

    @Test
    void cachedDecodeEqualsTheFreshGraphOnGpt2() {
        check(TestModels.tinyModel(60));
    }

    @Test
    void cachedDecodeEqualsTheFreshGraphOnLlama() {
        check(TestModels.tinyLlama(61));
    }

    private static void check(LanguageModel model) {
        try (model;
                Adapter adapter = TestModels.randomAdapter(
                        model, AdapterConfig.of(4, 8, 0, model.network().allProjectionTargets()), 3)) {
            int[] prompt = TestModels.tokens("And God said");
            GenerationConfig greedy = GenerationConfig.builder()
                    .maxNewTokens(20)
                    .stopAtEndOfText(false)
                    .build();
            for (Adapter a : new Adapter[] {null, adapter}) {
                LoraRoute route = a == null ? null : a.route();
                Generation g = new Generator(model).generate("And God said", a, greedy, TokenListener.none());
                int[] all = Arrays.copyOf(prompt, prompt.length + g.tokens().length);
                System.arraycopy(g.tokens(), 0, all, prompt.length, g.tokens().length);
                float[][] fresh = fullPass(model, all, route, true);
                float[][] inference = fullPass(model, all, route, false);
                assertThat(TestModels.maxAbsDifference(inference, fresh)).isLessThan(1e-5f);
                float[][] cached = cachedDecode(model, all, prompt.length, route);
                for (int t = prompt.length - 1; t < all.length - 1; t++) {
                    float[] expected = fresh[t];
                    float[] actual = cached[t - (prompt.length - 1)];
                    float worst = 0;
                    for (int i = 0; i < expected.length; i++) {
                        worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
                    }
                    assertThat(worst).as("position %d", t).isLessThan(1e-5f);
                    assertThat(argmax(expected))
                            .as("greedy token after position %d", t)
                            .isEqualTo(all[t + 1]);
                }
            }
        }
    }

    /** Logits of every position in one pass; with {@code training} every tensor is fresh, as before. */
    private static float[][] fullPass(LanguageModel model, int[] tokens, LoraRoute route, boolean training) {
        NDManager m = model.manager();
        try (NDScope ignored = new NDScope()) {
            ForwardOutput out = model.network()
                    .forward(new ForwardInput(
                            m.create(longs(tokens), new Shape(1, tokens.length)),
                            DecoderNetwork.positions(m, 1, tokens.length, 0),
                            Masks.causal(m, tokens.length, 0),
                            null,
                            null,
                            route,
                            training,
                            false));
            return rows(out.logits().toFloatArray(), tokens.length);
        }
    }

    /** The prompt in one pass, then one token at a time against the cache, as the generator decodes. */
    private static float[][] cachedDecode(LanguageModel model, int[] tokens, int promptLength, LoraRoute route) {
        NDManager m = model.manager();
        int steps = tokens.length - promptLength + 1;
        float[][] result = new float[steps][];
        try (KvCache cache = new KvCache(model.config().layers())) {
            for (int step = 0; step < steps; step++) {
                int from = step == 0 ? 0 : promptLength + step - 1;
                int to = promptLength + step;
                int time = to - from;
                try (NDScope ignored = new NDScope()) {
                    ForwardOutput out = model.network()
                            .forward(new ForwardInput(
                                    m.create(longs(Arrays.copyOfRange(tokens, from, to)), new Shape(1, time)),
                                    DecoderNetwork.positions(m, 1, time, from),
                                    time == 1 ? null : Masks.causal(m, time, from),
                                    cache.keys(),
                                    cache.values(),
                                    route,
                                    false,
                                    true));
                    cache.replace(out.allKeys(), out.allValues());
                    result[step] = out.logits().toFloatArray();
                }
            }
        }
        return result;
    }

    private static long[] longs(int[] tokens) {
        return Arrays.stream(tokens).asLongStream().toArray();
    }

    private static float[][] rows(float[] flat, int time) {
        int vocab = flat.length / time;
        float[][] rows = new float[time][];
        for (int t = 0; t < time; t++) {
            rows[t] = Arrays.copyOfRange(flat, t * vocab, (t + 1) * vocab);
        }
        return rows;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
