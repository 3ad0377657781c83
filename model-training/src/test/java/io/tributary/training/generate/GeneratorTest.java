package io.tributary.training.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.training.TestModels;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static GenerationConfig.Builder base() {
        return GenerationConfig.builder().maxNewTokens(30).stopAtEndOfText(false);
    }

    @Test
    void kvCacheGivesTheSameGreedyTokensAsFullRecomputation() {
        try (LanguageModel model = TestModels.tinyModel(30);
                Adapter adapter = TestModels.randomAdapter(model, AdapterConfig.defaults(), 4)) {
            Generator generator = new Generator(model);
            for (Adapter a : new Adapter[] {null, adapter}) {
                Generation cached = generator.generate(
                        "And God said", a, base().useKvCache(true).build(), TokenListener.none());
                Generation recomputed = generator.generate(
                        "And God said", a, base().useKvCache(false).build(), TokenListener.none());
                assertThat(cached.tokens()).hasSize(30).containsExactly(recomputed.tokens());
                assertThat(cached.text()).isEqualTo(recomputed.text());
            }
        }
    }

    @Test
    void kvCacheMatchesRecomputationUpToAFullContext() {
        try (LanguageModel model = TestModels.tinyModel(31)) {
            Generator generator = new Generator(model);
            GenerationConfig config = base().maxNewTokens(200).build();
            Generation cached = generator.generate("light", config);
            Generation recomputed = generator.generate(
                    "light", config.toBuilder().useKvCache(false).build());
            assertThat(cached.stopReason()).isEqualTo(Generation.StopReason.CONTEXT_FULL);
            assertThat(cached.tokens()).containsExactly(recomputed.tokens());
            assertThat(cached.tokens().length + TestModels.tokens("light").length)
                    .isEqualTo(model.config().contextLength());
        }
    }

    @Test
    void seededSamplingIsReproducibleAndSeedsMatter() {
        try (LanguageModel model = TestModels.tinyModel(32)) {
            Generator generator = new Generator(model);
            GenerationConfig config =
                    base().temperature(1.5).topK(50).topP(0.95).seed(7).build();
            int[] first = generator.generate("And", config).tokens();
            int[] again = generator.generate("And", config).tokens();
            int[] other = generator
                    .generate("And", config.toBuilder().seed(8).build())
                    .tokens();
            assertThat(again).containsExactly(first);
            assertThat(other).isNotEqualTo(first);
        }
    }

    @Test
    void unseededSamplingDrawsAFreshSeedAndReportsItSoTheAnswerCanBeReproduced() {
        try (LanguageModel model = TestModels.tinyModel(34)) {
            Generator generator = new Generator(model);
            GenerationConfig unseeded = base().temperature(1.5).maxNewTokens(20).build();
            Generation first = generator.generate("And", unseeded);
            Generation second = generator.generate("And", unseeded);
            assertThat(second.seed()).isNotEqualTo(first.seed());
            assertThat(second.tokens()).isNotEqualTo(first.tokens());
            Generation replayed = generator.generate(
                    "And", unseeded.toBuilder().seed(first.seed()).build());
            assertThat(replayed.tokens()).containsExactly(first.tokens());
            assertThat(replayed.seed()).isEqualTo(first.seed());
        }
    }

    @Test
    void topKOneIsGreedy() {
        try (LanguageModel model = TestModels.tinyModel(33)) {
            Generator generator = new Generator(model);
            int[] greedy = generator.generate("the earth", base().build()).tokens();
            int[] topOne = generator
                    .generate("the earth", base().temperature(2).topK(1).seed(3).build())
                    .tokens();
            assertThat(topOne).containsExactly(greedy);
        }
    }

    @Test
    void streamingDeliversExactlyTheFinalTextAndStopSequencesCut() {
        try (LanguageModel model = TestModels.tinyModel(34)) {
            Generator generator = new Generator(model);
            Generation free = generator.generate("God", base().build());
            assertThat(free.text()).hasSizeGreaterThan(4);
            // Use a piece of the unconstrained output as stop sequence: generation must end right before it.
            String stop = free.text().substring(2, 4);
            List<String> pieces = new ArrayList<>();
            Generation stopped = generator.generate(
                    "God", null, base().stopSequences(List.of(stop)).build(), (id, text) -> pieces.add(text));
            assertThat(stopped.stopReason()).isEqualTo(Generation.StopReason.STOP_SEQUENCE);
            assertThat(stopped.text())
                    .isEqualTo(free.text().substring(0, free.text().indexOf(stop)));
            assertThat(String.join("", pieces)).isEqualTo(stopped.text());
            List<String> all = new ArrayList<>();
            Generation streamed = generator.generate("God", null, base().build(), (id, text) -> all.add(text));
            assertThat(String.join("", all)).isEqualTo(streamed.text()).isEqualTo(free.text());
            assertThat(all.size()).isGreaterThanOrEqualTo(streamed.tokens().length);
        }
    }

    @Test
    void neverPicksPaddingIdsBeyondTheTokenizerVocabulary() {
        io.tributary.training.tokenizer.Tokenizer tokenizer = TestModels.tokenizer();
        int padded = tokenizer.vocabularySize() + 200;
        try (LanguageModel model = LanguageModel.create(
                io.tributary.training.model.ModelConfig.of(padded, 64, 32, 1, 2)
                        .withEndOfTextId(tokenizer.endOfTextId()),
                35)) {
            model.setTokenizer(tokenizer);
            Generation g = new Generator(model)
                    .generate("And", base().temperature(5).seed(1).build());
            assertThat(g.tokens()).hasSize(30);
            assertThat(java.util.Arrays.stream(g.tokens()).max().getAsInt()).isLessThan(tokenizer.vocabularySize());
        }
    }

    @Test
    void rejectsInvalidSettings() {
        assertThatThrownBy(() -> GenerationConfig.builder().maxNewTokens(0).build())
                .hasMessageContaining("maxNewTokens");
        assertThatThrownBy(() -> GenerationConfig.builder().topP(0).build()).hasMessageContaining("topP");
        assertThatThrownBy(() -> GenerationConfig.builder().temperature(-1).build())
                .hasMessageContaining("temperature");
    }
}
