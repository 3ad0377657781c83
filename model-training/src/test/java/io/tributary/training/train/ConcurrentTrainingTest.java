package io.tributary.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import io.tributary.training.TestModels;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Training runs on different threads: they overlap instead of taking turns, and do not disturb each other. */
class ConcurrentTrainingTest {

    private static TrainingData corpus() {
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            documents.add(TestModels.TEXT);
        }
        return TrainingData.causalText(TestModels.tokenizer(), documents, 24);
    }

    private static TrainingConfig config(int steps) {
        return TrainingConfig.builder()
                .maxSteps(steps)
                .batchSize(4)
                .learningRate(3e-3)
                .warmupSteps(1)
                .validationFraction(0)
                .seed(11)
                .build();
    }

    /**
     * Run A pauses inside its first forward pass (the adapter's training route, under autograd recording) until run
     * B, on another thread, has finished a whole step; with a process-wide autograd lock B could never start a step.
     */
    @Test
    void twoRunsAdvanceWhileTheOtherIsMidStep() throws Exception {
        CountDownLatch aInsideStep = new CountDownLatch(1);
        CountDownLatch bStepped = new CountDownLatch(1);
        AtomicBoolean aWaited = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (LanguageModel modelA = TestModels.tinyModel(30);
                LanguageModel modelB = TestModels.tinyModel(31);
                Adapter adapterA = Adapter.create(modelA, AdapterConfig.of(2, 4, 0, List.of("c_fc")), 1);
                Adapter adapterB = Adapter.create(modelB, AdapterConfig.of(2, 4, 0, List.of("c_fc")), 2)) {
            TrainingRun runA = TrainingRun.fineTuning(modelA, adapterA, corpus(), config(2));
            runA.forwardHook(() -> {
                if (aWaited.compareAndSet(false, true)) {
                    aInsideStep.countDown();
                    await(bStepped);
                }
            });
            TrainingRun runB = TrainingRun.fineTuning(modelB, adapterB, corpus(), config(2));
            runB.addListener(p -> bStepped.countDown());
            Future<TrainingResult> a = threads.submit(runA::run);
            assertThat(aInsideStep.await(60, TimeUnit.SECONDS)).isTrue();
            Future<TrainingResult> b = threads.submit(runB::run);
            assertThat(b.get(60, TimeUnit.SECONDS).steps()).isEqualTo(2);
            assertThat(a.get(60, TimeUnit.SECONDS).steps()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Two runs with the same seed (dropout on), running at the same time while a third thread keeps reseeding the
     * engine's global generator, give exactly the losses and weights of that run alone.
     */
    @Test
    void concurrentRunsWithTheSameSeedMatchARunAlone() throws Exception {
        AdapterConfig adapterConfig = AdapterConfig.of(4, 8, 0.3, AdapterConfig.ALL_PROJECTIONS);
        List<Double> alone;
        float[] aloneWeights;
        try (LanguageModel model = TestModels.tinyModel(32);
                Adapter adapter = Adapter.create(model, adapterConfig, 3)) {
            alone = TrainingRun.fineTuning(model, adapter, corpus(), config(6))
                    .run()
                    .losses();
            aloneWeights = adapter.loraB("h.1.mlp.c_fc").toFloatArray();
        }
        ExecutorService threads = Executors.newFixedThreadPool(3);
        AtomicBoolean training = new AtomicBoolean(true);
        try (LanguageModel model1 = TestModels.tinyModel(32);
                LanguageModel model2 = TestModels.tinyModel(32);
                Adapter adapter1 = Adapter.create(model1, adapterConfig, 3);
                Adapter adapter2 = Adapter.create(model2, adapterConfig, 3)) {
            Future<?> noise = threads.submit(() -> {
                Random random = new Random(1);
                while (training.get()) {
                    Engine.getInstance().setRandomSeed(random.nextInt());
                }
            });
            Future<TrainingResult> first =
                    threads.submit(() -> TrainingRun.fineTuning(model1, adapter1, corpus(), config(6))
                            .run());
            Future<TrainingResult> second =
                    threads.submit(() -> TrainingRun.fineTuning(model2, adapter2, corpus(), config(6))
                            .run());
            List<Double> losses1 = first.get(120, TimeUnit.SECONDS).losses();
            List<Double> losses2 = second.get(120, TimeUnit.SECONDS).losses();
            training.set(false);
            noise.get(10, TimeUnit.SECONDS);
            assertThat(losses1).isEqualTo(alone);
            assertThat(losses2).isEqualTo(alone);
            float[] weights1 = adapter1.loraB("h.1.mlp.c_fc").toFloatArray();
            float[] weights2 = adapter2.loraB("h.1.mlp.c_fc").toFloatArray();
            for (int i = 0; i < aloneWeights.length; i++) {
                assertThat(weights1[i]).isCloseTo(aloneWeights[i], offset(0f));
                assertThat(weights2[i]).isCloseTo(aloneWeights[i], offset(0f));
            }
        } finally {
            training.set(false);
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The other run made no progress");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
