package io.tributary.training.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import io.tributary.training.TestModels;
import io.tributary.training.eval.Evaluation;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.train.TrainingExample;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GradientAttributionTest {

    private static TrainingExample example(int from, int to) {
        return TrainingExample.causal(Arrays.copyOfRange(TestModels.tokens(TestModels.TEXT), from, to));
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheLoss() {
        try (LanguageModel model = TestModels.tinyModel(50);
                Adapter adapter =
                        TestModels.randomAdapter(model, AdapterConfig.of(2, 4, 0.3, List.of("c_attn", "c_fc")), 7)) {
            TrainingExample example = example(0, 16);
            GradientAttribution attribution = new GradientAttribution(model);
            float[] gradient = attribution.gradient(adapter, example);
            assertThat(gradient).hasSize((int) adapter.parameterCount());
            List<String> order = GradientAttribution.parameterOrder(adapter);
            Evaluation evaluation = new Evaluation(model);
            // Check the largest entry of two different tensors against a central difference.
            for (String name : List.of(order.get(1), order.get(order.size() - 2))) {
                int offsetInVector = 0;
                for (String n : order) {
                    if (n.equals(name)) {
                        break;
                    }
                    offsetInVector += (int) adapter.tensors().get(n).size();
                }
                NDArray tensor = adapter.tensors().get(name);
                int size = (int) tensor.size();
                int best = 0;
                for (int i = 1; i < size; i++) {
                    if (Math.abs(gradient[offsetInVector + i]) > Math.abs(gradient[offsetInVector + best])) {
                        best = i;
                    }
                }
                float[] values = tensor.toFloatArray();
                float h = 1e-2f;
                float original = values[best];
                values[best] = original + h;
                tensor.set(values);
                double up = evaluation.loss(List.of(example), adapter, 1).loss();
                values[best] = original - h;
                tensor.set(values);
                double down = evaluation.loss(List.of(example), adapter, 1).loss();
                values[best] = original;
                tensor.set(values);
                double numeric = (up - down) / (2 * h);
                assertThat(gradient[offsetInVector + best]).as(name).isNotZero();
                assertThat((double) gradient[offsetInVector + best])
                        .as(name)
                        .isCloseTo(numeric, offset(Math.abs(numeric) * 0.05 + 1e-4));
            }
        }
    }

    @Test
    void gradientsAreIndependentPerExampleAndRepeatable() {
        try (LanguageModel model = TestModels.tinyModel(51);
                Adapter adapter = TestModels.randomAdapter(model, AdapterConfig.defaults(), 8)) {
            GradientAttribution attribution = new GradientAttribution(model);
            float[] a = attribution.gradient(adapter, example(0, 12));
            float[] b = attribution.gradient(adapter, example(10, 30));
            float[] again = attribution.gradient(adapter, example(0, 12));
            assertThat(again).containsExactly(a);
            assertThat(b).isNotEqualTo(a);
        }
    }

    @Test
    void seededProjectionIsDeterministicAndPreservesGeometry() {
        int n = 5000;
        int k = 256;
        Random random = new Random(1);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
            y[i] = (float) (0.7 * x[i] + 0.3 * random.nextGaussian());
        }
        RandomProjection projection = new RandomProjection(n, k, 42);
        float[] px = projection.project(x);
        assertThat(px).hasSize(k).containsExactly(new RandomProjection(n, k, 42).project(x));
        assertThat(new RandomProjection(n, k, 43).project(x)).isNotEqualTo(px);
        float[] py = projection.project(y);
        double exact = cosine(x, y);
        assertThat(cosine(px, py)).isCloseTo(exact, offset(0.1));
        assertThat(norm(px) / norm(x)).isCloseTo(1.0, offset(0.15));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    private static double norm(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
