package io.tributary.training.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import io.tributary.training.TestModels;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoraGradientProjectionTest {

    @Test
    void perTensorProjectionPreservesInnerProductsAndIsSeeded() {
        try (LanguageModel model = TestModels.tinyModel(70);
                Adapter adapter = TestModels.randomAdapter(
                        model, AdapterConfig.of(4, 8, 0.0, List.of("c_attn", "c_proj", "c_fc")), 3);
                LoraGradientProjection projection = new LoraGradientProjection(adapter, 256, 99);
                LoraGradientProjection same = new LoraGradientProjection(adapter, 256, 99);
                LoraGradientProjection other = new LoraGradientProjection(adapter, 256, 100)) {
            assertThat(projection.dimension()).isEqualTo(256);
            Random random = new Random(5);
            double worst = 0;
            double sum = 0;
            int pairs = 12;
            for (int p = 0; p < pairs; p++) {
                double mix = random.nextDouble();
                Map<String, NDArray> x = new LinkedHashMap<>();
                Map<String, NDArray> y = new LinkedHashMap<>();
                double dot = 0;
                double xx = 0;
                double yy = 0;
                for (Map.Entry<String, NDArray> e : adapter.tensors().entrySet()) {
                    int size = (int) e.getValue().size();
                    float[] a = new float[size];
                    float[] b = new float[size];
                    for (int i = 0; i < size; i++) {
                        a[i] = (float) random.nextGaussian();
                        b[i] = (float) (mix * a[i] + random.nextGaussian());
                        dot += (double) a[i] * b[i];
                        xx += (double) a[i] * a[i];
                        yy += (double) b[i] * b[i];
                    }
                    x.put(e.getKey(), model.manager().create(a, e.getValue().getShape()));
                    y.put(e.getKey(), model.manager().create(b, e.getValue().getShape()));
                }
                float[] px = projection.project(x);
                if (p == 0) {
                    assertThat(same.project(x)).containsExactly(px);
                    assertThat(other.project(x)).isNotEqualTo(px);
                }
                float[] py = projection.project(y);
                double projected = 0;
                for (int i = 0; i < px.length; i++) {
                    projected += (double) px[i] * py[i];
                }
                double relative = Math.abs(projected - dot) / Math.sqrt(xx * yy);
                worst = Math.max(worst, relative);
                sum += relative;
                x.values().forEach(NDArray::close);
                y.values().forEach(NDArray::close);
            }
            // Two JL stages: the error relative to ‖x‖‖y‖ has std about 2·√(1/k) ≈ 0.125 here.
            assertThat(worst).isLessThan(0.5);
            assertThat(sum / pairs).isLessThan(0.2);
        }
    }
}
