package io.tributary.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.tributary.training.TestModels;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.train.InstructionPair;
import io.tributary.training.train.TrainingData;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void exactMatchAndF1FollowSquadNormalisation() {
        assertThat(Evaluation.exactMatch("The Light!", "light")).isTrue();
        assertThat(Evaluation.exactMatch("light and dark", "light")).isFalse();
        assertThat(Evaluation.tokenF1("God divided the light", "God divided the darkness"))
                .isCloseTo(2.0 / 3, offset(1e-9));
        assertThat(Evaluation.tokenF1("nothing", "light")).isZero();
    }

    @Test
    void perplexityIsTheExponentialOfTheLoss() {
        try (LanguageModel model = TestModels.tinyModel(60)) {
            Evaluation evaluation = new Evaluation(model);
            TrainingData data = TrainingData.causalText(model.requireTokenizer(), List.of(TestModels.TEXT), 16);
            Evaluation.LossReport report = evaluation.loss(data.examples(), null, 2);
            assertThat(report.perplexity()).isCloseTo(Math.exp(report.loss()), offset(1e-9));
            // An untrained model is close to uniform over the vocabulary.
            assertThat(report.loss()).isCloseTo(Math.log(model.config().vocabularySize()), offset(0.5));
            assertThat(report.tokens())
                    .isEqualTo(data.examples().stream()
                            .mapToInt(e -> e.targetCount())
                            .sum());
        }
    }

    @Test
    void questionAnsweringAndSideBySideUseTheAdapter() {
        try (LanguageModel model = TestModels.tinyModel(61);
                Adapter adapter = TestModels.randomAdapter(model, AdapterConfig.defaults(), 9)) {
            Evaluation evaluation = new Evaluation(model);
            List<InstructionPair> pairs = List.of(new InstructionPair("What was created?", "the heaven"));
            Evaluation.QaReport report = evaluation.questionAnswering(pairs, adapter, 8);
            assertThat(report.answers()).hasSize(1);
            assertThat(report.f1()).isBetween(0.0, 1.0);
            List<Evaluation.SideBySide> rows = evaluation.compare(
                    List.of("And God"),
                    adapter,
                    GenerationConfig.builder()
                            .maxNewTokens(10)
                            .stopAtEndOfText(false)
                            .build());
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).base()).isNotEqualTo(rows.get(0).adapted());
        }
    }
}
