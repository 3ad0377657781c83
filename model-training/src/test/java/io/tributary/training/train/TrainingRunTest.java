package io.tributary.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.tributary.training.TestModels;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

    private static TrainingData corpus() {
        Tokenizer tokenizer = TestModels.tokenizer();
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            documents.add(TestModels.TEXT);
        }
        return TrainingData.causalText(tokenizer, documents, 24);
    }

    private static TrainingConfig.Builder quick() {
        return TrainingConfig.builder()
                .maxSteps(8)
                .batchSize(4)
                .learningRate(3e-3)
                .warmupSteps(2)
                .validationFraction(0.2)
                .seed(5);
    }

    @Test
    void pretrainingLowersTheLossAndReportsProgress() throws IOException {
        try (LanguageModel model = TestModels.tinyModel(20)) {
            List<TrainingProgress> progress = new ArrayList<>();
            TrainingResult result = TrainingRun.pretraining(
                            model, corpus(), quick().maxSteps(30).build())
                    .addListener(progress::add)
                    .run();
            assertThat(result.status()).isEqualTo(TrainingResult.Status.COMPLETED);
            assertThat(result.losses()).hasSize(30);
            double firstThree = (result.losses().get(0)
                            + result.losses().get(1)
                            + result.losses().get(2))
                    / 3;
            assertThat(result.finalLoss()).isLessThan(firstThree - 1.0);
            assertThat(result.validationLoss()).isFinite();
            assertThat(progress).hasSize(30);
            TrainingProgress third = progress.get(2);
            assertThat(third.step()).isEqualTo(3);
            assertThat(third.totalSteps()).isEqualTo(30);
            assertThat(third.tokensPerSecond()).isPositive();
            assertThat(third.eta()).isPositive();
            // Warm-up then cosine decay: rising for 2 steps, then falling to the floor.
            assertThat(progress.get(0).learningRate())
                    .isLessThan(progress.get(1).learningRate());
            assertThat(progress.get(29).learningRate()).isCloseTo(3e-4, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void resumingFromACheckpointContinuesTheSameLossCurve(@TempDir Path dir) throws IOException {
        TrainingConfig config = quick().accumulationSteps(2).build();
        List<Double> uninterrupted;
        float[] uninterruptedWeights;
        try (LanguageModel model = TestModels.tinyModel(21);
                Adapter adapter =
                        Adapter.create(model, AdapterConfig.of(4, 8, 0.1, AdapterConfig.ALL_PROJECTIONS), 9)) {
            uninterrupted = TrainingRun.fineTuning(model, adapter, corpus(), config)
                    .run()
                    .losses();
            uninterruptedWeights = adapter.loraB("h.1.mlp.c_fc").toFloatArray();
        }
        Path checkpoints = dir.resolve("checkpoints");
        try (LanguageModel model = TestModels.tinyModel(21);
                Adapter adapter =
                        Adapter.create(model, AdapterConfig.of(4, 8, 0.1, AdapterConfig.ALL_PROJECTIONS), 9)) {
            TrainingRun first = TrainingRun.fineTuning(
                    model,
                    adapter,
                    corpus(),
                    config.toBuilder().checkpoints(checkpoints, 3).build());
            first.addListener(p -> {
                if (p.step() == 3) {
                    first.cancel();
                }
            });
            TrainingResult stopped = first.run();
            assertThat(stopped.status()).isEqualTo(TrainingResult.Status.CANCELLED);
            assertThat(stopped.steps()).isEqualTo(3);
        }
        try (LanguageModel model = TestModels.tinyModel(21);
                // A different initialisation proves the checkpoint, not the seed, restores the adapter.
                Adapter adapter =
                        Adapter.create(model, AdapterConfig.of(4, 8, 0.1, AdapterConfig.ALL_PROJECTIONS), 99)) {
            TrainingResult resumed = TrainingRun.fineTuning(
                            model,
                            adapter,
                            corpus(),
                            config.toBuilder().resumeFrom(checkpoints).build())
                    .run();
            assertThat(resumed.steps()).isEqualTo(8);
            assertThat(resumed.losses()).hasSize(8);
            for (int i = 0; i < 8; i++) {
                assertThat(resumed.losses().get(i))
                        .as("loss of step %d", i + 1)
                        .isCloseTo(uninterrupted.get(i), org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(adapter.loraB("h.1.mlp.c_fc").toFloatArray()).containsExactly(uninterruptedWeights);
        }
    }

    @Test
    void accumulatingTwoHalfBatchesEqualsOneFullBatch() throws IOException {
        // Four equal-length windows: one batch of 4 and two accumulated batches of 2 see the same examples.
        TrainingData four = TrainingData.of(corpus().examples().subList(0, 4));
        TrainingConfig.Builder oneStep =
                quick().maxSteps(1).warmupSteps(0).validationFraction(0).maxGradientNorm(0);
        float[] whole;
        double wholeLoss;
        try (LanguageModel model = TestModels.tinyModel(26)) {
            wholeLoss = TrainingRun.pretraining(
                            model, four, oneStep.batchSize(4).build())
                    .run()
                    .finalLoss();
            whole = model.weight("h.0.mlp.c_fc.weight");
        }
        try (LanguageModel model = TestModels.tinyModel(26)) {
            float[] before = model.weight("h.0.mlp.c_fc.weight");
            double accumulatedLoss = TrainingRun.pretraining(
                            model,
                            four,
                            oneStep.batchSize(2).accumulationSteps(2).build())
                    .run()
                    .finalLoss();
            float[] accumulated = model.weight("h.0.mlp.c_fc.weight");
            // The loss is the mean over all four examples, not a sum of the halves.
            assertThat(accumulatedLoss).isCloseTo(wholeLoss, offset(1e-5));
            assertThat(accumulated).isNotEqualTo(before);
            for (int i = 0; i < whole.length; i++) {
                assertThat(accumulated[i]).as("weight %d", i).isCloseTo(whole[i], offset(1e-5f));
            }
        }
    }

    @Test
    void accumulatingFourBatchesOfEightEqualsOneBatchOfThirtyTwo() throws IOException {
        // Examples of very different lengths: the micro-batches hold different numbers of tokens, so the
        // accumulated loss must be the mean over every token of the 32 examples, not a mean of 4 means.
        int[] all = TestModels.tokens(TestModels.TEXT + " " + TestModels.TEXT);
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int length = 2 + (i * 7) % 23;
            examples.add(TrainingExample.causal(java.util.Arrays.copyOfRange(all, i, i + length)));
        }
        TrainingData data = TrainingData.of(examples);
        TrainingConfig.Builder twoSteps = quick().maxSteps(2)
                .warmupSteps(0)
                .validationFraction(0)
                .maxGradientNorm(0)
                .learningRate(1e-2);
        float[] whole;
        List<Double> wholeLosses;
        try (LanguageModel model = TestModels.tinyModel(27)) {
            wholeLosses = TrainingRun.pretraining(
                            model, data, twoSteps.batchSize(32).build())
                    .run()
                    .losses();
            whole = model.weight("h.0.attn.c_attn.weight");
        }
        try (LanguageModel model = TestModels.tinyModel(27)) {
            List<Double> accumulatedLosses = TrainingRun.pretraining(
                            model,
                            data,
                            twoSteps.batchSize(8).accumulationSteps(4).build())
                    .run()
                    .losses();
            float[] accumulated = model.weight("h.0.attn.c_attn.weight");
            for (int i = 0; i < 2; i++) {
                assertThat(accumulatedLosses.get(i)).isCloseTo(wholeLosses.get(i), offset(1e-5));
            }
            for (int i = 0; i < whole.length; i++) {
                assertThat(accumulated[i]).as("weight %d", i).isCloseTo(whole[i], offset(1e-5f));
            }
        }
    }

    @Test
    void fineTuningDataCountsOnlyResponseTokens() {
        Tokenizer tokenizer = TestModels.tokenizer();
        InstructionPair pair = new InstructionPair("Who divided the light?", "God divided the light.");
        TrainingExample example = TrainingData.instructions(tokenizer, List.of(pair), 64)
                .examples()
                .get(0);
        int promptLength = tokenizer.encode(InstructionPair.prompt(pair.instruction())).length;
        int responseLength = tokenizer.encode(pair.response()).length;
        assertThat(example.tokens()).hasSize(promptLength + responseLength + 1);
        for (int i = 0; i < example.lossWeights().length; i++) {
            // weight i scores the prediction of token i + 1
            float expected = i + 1 >= promptLength ? 1f : 0f;
            assertThat(example.lossWeights()[i]).as("weight %d", i).isEqualTo(expected);
        }
        assertThat(example.tokens()[example.tokens().length - 1]).isEqualTo(tokenizer.endOfTextId());
        assertThat(tokenizer.decode(
                        java.util.Arrays.copyOfRange(example.tokens(), promptLength, promptLength + responseLength)))
                .isEqualTo(pair.response());
    }

    @Test
    void lossCountsOnlyWeightedPositions() {
        Tokenizer tokenizer = TestModels.tokenizer();
        TrainingExample example = TrainingData.instructions(
                        tokenizer, List.of(new InstructionPair("Say light", "And there was light.")), 64)
                .examples()
                .get(0);
        float[] weights = example.lossWeights();
        float[] onlyLast = new float[weights.length];
        onlyLast[weights.length - 1] = 1f;
        try (LanguageModel model = TestModels.tinyModel(22)) {
            io.tributary.training.eval.Evaluation evaluation = new io.tributary.training.eval.Evaluation(model);
            double responseLoss = evaluation.loss(List.of(example), null, 1).loss();
            double lastLoss = evaluation
                    .loss(List.of(new TrainingExample(example.tokens(), onlyLast)), null, 1)
                    .loss();
            int n = example.tokens().length;
            float[][] logits = model.logits(java.util.Arrays.copyOf(example.tokens(), n - 1));
            assertThat(lastLoss).isCloseTo(crossEntropy(logits[n - 2], example.tokens()[n - 1]), offset(1e-4));
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i] * crossEntropy(logits[i], example.tokens()[i + 1]);
            }
            assertThat(responseLoss).isCloseTo(sum / example.targetCount(), offset(1e-4));
            assertThat(responseLoss).isNotCloseTo(lastLoss, offset(1e-6));
        }
    }

    private static double crossEntropy(float[] logits, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        return Math.log(sum) + max - logits[target];
    }

    @Test
    void earlyStoppingEndsARunThatStopsImproving() throws IOException {
        try (LanguageModel model = TestModels.tinyModel(23)) {
            List<Double> validations = new ArrayList<>();
            TrainingRun run = TrainingRun.pretraining(
                    model,
                    corpus(),
                    // A huge learning rate makes validation loss get worse, which must trigger the stop.
                    quick().maxSteps(40)
                            .learningRate(5.0)
                            .warmupSteps(0)
                            .maxGradientNorm(0)
                            .evaluateEvery(1)
                            .patience(2)
                            .build());
            run.addListener(new TrainingListener() {
                @Override
                public void onStep(TrainingProgress progress) {}

                @Override
                public void onValidation(int step, double loss) {
                    validations.add(loss);
                }
            });
            TrainingResult result = run.run();
            assertThat(result.status()).isEqualTo(TrainingResult.Status.EARLY_STOPPED);
            assertThat(result.steps()).isLessThan(40);
            int n = validations.size();
            assertThat(validations.get(n - 1)).isGreaterThanOrEqualTo(result.bestValidationLoss());
            assertThat(validations.get(n - 2)).isGreaterThanOrEqualTo(result.bestValidationLoss());
        }
    }

    @Test
    void cancellationStopsBeforeTheNextStep() throws IOException {
        try (LanguageModel model = TestModels.tinyModel(24)) {
            TrainingRun run = TrainingRun.pretraining(
                    model, corpus(), quick().maxSteps(50).build());
            run.addListener(p -> {
                if (p.step() == 2) {
                    run.cancel();
                }
            });
            TrainingResult result = run.run();
            assertThat(result.status()).isEqualTo(TrainingResult.Status.CANCELLED);
            assertThat(result.steps()).isEqualTo(2);
        }
    }

    @Test
    void invalidSettingsAndEmptyDataAreRejected() {
        assertThatThrownBy(() -> TrainingConfig.builder().maxSteps(0).build()).hasMessageContaining("maxSteps");
        assertThatThrownBy(() -> TrainingConfig.builder().checkpoints(null, 5).build())
                .hasMessageContaining("checkpointDirectory");
        try (LanguageModel model = TestModels.tinyModel(25)) {
            assertThatThrownBy(() -> TrainingRun.pretraining(model, TrainingData.of(List.of()), quick().build()))
                    .hasMessageContaining("empty");
        }
    }
}
