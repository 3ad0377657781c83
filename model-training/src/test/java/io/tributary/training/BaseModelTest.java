package io.tributary.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.training.eval.Evaluation;
import io.tributary.training.generate.Generation;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.Generator;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.train.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The base model the repository ships (see README): it must load and write modern English. */
class BaseModelTest {

    private static final Path BASE_MODEL = Path.of("base-model");
    // Held-out modern English prose the base was not trained on (see corpus/build-corpus.sh).
    private static final Path HELD_OUT = Path.of("corpus", "heldout-prose.txt");
    private static final Path HELD_OUT_WORDNET = Path.of("corpus", "heldout-wordnet.txt");

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"))
                .filter(w -> !w.isEmpty())
                .collect(Collectors.toList());
    }

    @Test
    void generatesEnglishWords() throws IOException {
        Set<String> vocabulary = new HashSet<>(words(Files.readString(HELD_OUT)));
        vocabulary.addAll(words(Files.readString(HELD_OUT_WORDNET)));
        try (LanguageModel model = LanguageModel.load(BASE_MODEL)) {
            Generator generator = new Generator(model);
            for (String prompt : List.of("A bank is", "The function returns", "Water is")) {
                Generation g = generator.generate(
                        prompt,
                        GenerationConfig.builder()
                                .maxNewTokens(40)
                                .stopAtEndOfText(false)
                                .build());
                List<String> generated = words(g.text());
                assertThat(generated).as(prompt).hasSizeGreaterThanOrEqualTo(8);
                long known = generated.stream().filter(vocabulary::contains).count();
                assertThat((double) known / generated.size())
                        .as("share of corpus words in: %s", g.text())
                        .isGreaterThan(0.9);
            }
        }
    }

    @Test
    void predictsHeldOutEnglishFarBetterThanAnUntrainedModel() throws IOException {
        String sample = Files.readString(HELD_OUT).substring(0, 20_000);
        try (LanguageModel model = LanguageModel.load(BASE_MODEL);
                LanguageModel untrained = LanguageModel.create(model.config(), 1)) {
            untrained.setTokenizer(model.requireTokenizer());
            TrainingData data = TrainingData.causalText(
                    model.requireTokenizer(), List.of(sample), model.config().contextLength());
            double trained =
                    new Evaluation(model).loss(data.examples(), null, 8).loss();
            double random =
                    new Evaluation(untrained).loss(data.examples(), null, 8).loss();
            assertThat(trained).isLessThan(random - 3.0);
            assertThat(Files.size(BASE_MODEL.resolve("model.safetensors"))).isLessThan(8L * 1024 * 1024);
        }
    }
}
