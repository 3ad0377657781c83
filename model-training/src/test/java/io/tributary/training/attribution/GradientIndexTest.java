package io.tributary.training.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.tributary.training.TestModels;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.train.TrainingExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientIndexTest {

    @TempDir
    Path dir;

    @Test
    void recordCopiedAsTheAnswerRanksFirstUnderGradientMethods() {
        int[] text = TestModels.tokens(TestModels.TEXT);
        List<TrainingExample> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            records.add(TrainingExample.causal(Arrays.copyOfRange(text, r * 7, r * 7 + 12)));
            ids.add("record-" + r);
        }
        try (LanguageModel model = TestModels.tinyModel(60);
                Adapter adapter =
                        TestModels.randomAdapter(model, AdapterConfig.of(2, 4, 0.3, List.of("c_attn", "c_fc")), 9)) {
            GradientIndex index =
                    Attribution.gradientIndex(model, adapter, records, ids, new GradientIndexConfig(64, 5, 0.1));
            assertThat(index.size()).isEqualTo(6);
            for (int copied : new int[] {1, 4}) {
                int[] tokens = records.get(copied).tokens();
                // Prompt = first token, output = the rest: the answer's loss is exactly the record's loss.
                int[] prompt = Arrays.copyOf(tokens, 1);
                int[] output = Arrays.copyOfRange(tokens, 1, tokens.length);
                for (GradientIndex.Method method : List.of(
                        GradientIndex.Method.NORMALIZED_INFLUENCE,
                        GradientIndex.Method.GRADIENT_COSINE,
                        GradientIndex.Method.NORMALIZED_DATAINF,
                        GradientIndex.Method.NORMALIZED_LAYERWISE_INFLUENCE)) {
                    AttributionResult result = Attribution.byGradient(model, adapter, index, prompt, output, method, 3);
                    assertThat(result.method()).isEqualTo(method.methodName());
                    // format 2: built indexes carry per-layer gradients
                    assertThat(result.version()).isEqualTo("2;k=64;seed=5;damping=0.1");
                    assertThat(result.top()).hasSize(3);
                    assertThat(result.top().get(0).id()).as(method.name()).isEqualTo("record-" + copied);
                    assertThat(result.top().get(0).score()).isCloseTo(1.0, offset(1e-3));
                    assertThat(result.top().get(1).score()).isLessThan(0.999);
                }
            }
        }
    }

    @Test
    void answerExampleCountsOnlyTheOutputInTheLoss() {
        TrainingExample example = Attribution.answerExample(new int[] {1, 2, 3}, new int[] {4, 5});
        assertThat(example.tokens()).containsExactly(1, 2, 3, 4, 5);
        assertThat(example.lossWeights()).containsExactly(0f, 0f, 1f, 1f);
        assertThatThrownBy(() -> Attribution.answerExample(new int[] {1}, new int[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void influenceSolvesTheDampedFisherSystem() {
        float[][] g = {{1, 0, 2}, {0, 3, 1}, {2, 1, 0}, {1, 1, 1}};
        GradientIndex index =
                GradientIndex.fromProjected(g, List.of("a", "b", "c", "d"), 10, new GradientIndexConfig(3, 1, 0.5));
        float[] q = {0.5f, -1f, 2f};
        // F = GᵀG/n + λ·(trace/k)·I, computed independently here, then x = F⁻¹q by Cramer's rule.
        double[][] f = new double[3][3];
        for (float[] row : g) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    f[a][b] += row[a] * row[b] / 4.0;
                }
            }
        }
        double damping = 0.5 * (f[0][0] + f[1][1] + f[2][2]) / 3;
        for (int a = 0; a < 3; a++) {
            f[a][a] += damping;
        }
        double det = det(f);
        double[] x = new double[3];
        for (int c = 0; c < 3; c++) {
            double[][] m = new double[3][];
            for (int r = 0; r < 3; r++) {
                m[r] = f[r].clone();
                m[r][c] = q[r];
            }
            x[c] = det(m) / det;
        }
        double[] scores = index.scores(q, GradientIndex.Method.INFLUENCE);
        for (int i = 0; i < g.length; i++) {
            double expected = g[i][0] * x[0] + g[i][1] * x[1] + g[i][2] * x[2];
            assertThat(scores[i]).isCloseTo(expected, offset(1e-4));
        }
    }

    @Test
    void dataInfIsTheClosedFormOfEachLayersDampedFisherAndLayerwiseTheExactInverse() {
        Random random = new Random(11);
        int n = 50;
        int[] sizes = {3, 2};
        float[][] layered = new float[n][5];
        float[][] whole = new float[n][4];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 5; j++) {
                layered[i][j] = (float) (random.nextGaussian() * (j < 3 ? 1 : 5));
            }
            for (int j = 0; j < 4; j++) {
                whole[i][j] = (float) random.nextGaussian();
            }
            ids.add("r" + i);
        }
        GradientIndex index =
                GradientIndex.fromProjected(whole, layered, sizes, ids, 10, new GradientIndexConfig(4, 1, 0.1));
        float[] q = {0.3f, -1f, 0.5f, 2f, -0.7f};
        double[] datainf = index.scores(new ProjectedGradient(whole[0], q), GradientIndex.Method.DATAINF);
        double[] layerwise = index.scores(new ProjectedGradient(whole[0], q), GradientIndex.Method.LAYERWISE_INFLUENCE);
        // independently: per block, λ = 0.1·mean‖g‖²/d; DataInf Σ_b (1/(nλ)) Σ_i (qᵀg_k − (qᵀg_i)(g_iᵀg_k)/(λ+‖g_i‖²))
        int[] from = {0, 3};
        for (int k = 0; k < n; k++) {
            double expected = 0;
            for (int b = 0; b < 2; b++) {
                int o = from[b];
                int d = sizes[b];
                double mean = 0;
                for (float[] g : layered) {
                    mean += dot(g, g, o, d) / n;
                }
                double lambda = 0.1 * mean / d;
                double sum = 0;
                for (float[] g : layered) {
                    sum += dot(q, layered[k], o, d)
                            - dot(q, g, o, d) * dot(g, layered[k], o, d) / (lambda + dot(g, g, o, d));
                }
                expected += sum / (n * lambda);
            }
            assertThat(datainf[k]).isCloseTo(expected, offset(1e-3 * Math.max(1, Math.abs(expected))));
        }
        // the exact per-layer inverse: with q_b = F_b e_b (F_b = G_bᵀG_b/n + λ_b I), the score of k is Σ_b e_bᵀg_kb
        float[] e = {1f, -0.5f, 0.25f, 0.2f, -1f};
        float[] fe = new float[5];
        for (int b = 0; b < 2; b++) {
            int o = from[b];
            int d = sizes[b];
            double mean = 0;
            for (float[] g : layered) {
                mean += dot(g, g, o, d) / n;
            }
            double lambda = 0.1 * mean / d;
            for (int r = 0; r < d; r++) {
                double v = lambda * e[o + r];
                for (float[] g : layered) {
                    v += g[o + r] * dot(g, e, o, d) / n;
                }
                fe[o + r] = (float) v;
            }
        }
        double[] exact = index.scores(new ProjectedGradient(whole[0], fe), GradientIndex.Method.LAYERWISE_INFLUENCE);
        for (int k = 0; k < n; k++) {
            double expected = dot(e, layered[k], 0, 5);
            assertThat(exact[k]).isCloseTo(expected, offset(1e-3 * Math.max(1, Math.abs(expected))));
        }
        assertThat(layerwise).isNotEqualTo(datainf);
    }

    private static double dot(float[] a, float[] b, int from, int length) {
        double s = 0;
        for (int i = from; i < from + length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void defaultMethodIsLayerwiseWhenTheIndexHasLayersAndWholeModelOtherwise() {
        float[][] whole = {{1, 0}, {0, 1}, {1, 1}};
        float[][] layered = {{1, 0, 2}, {0, 1, 1}, {1, 1, 0}};
        List<String> ids = List.of("a", "b", "c");
        GradientIndexConfig config = new GradientIndexConfig(2, 1, 0.1);
        assertThat(GradientIndex.fromProjected(whole, layered, new int[] {2, 1}, ids, 5, config)
                        .defaultMethod())
                .isEqualTo(GradientIndex.Method.defaultMethod())
                .isEqualTo(GradientIndex.Method.NORMALIZED_LAYERWISE_INFLUENCE);
        assertThat(GradientIndex.fromProjected(whole, ids, 5, config).defaultMethod())
                .isEqualTo(GradientIndex.Method.NORMALIZED_INFLUENCE);
    }

    @Test
    void formatTwoWithPerLayerGradientsRoundTrips() throws IOException {
        Random random = new Random(5);
        int n = 40;
        float[][] whole = new float[n][8];
        float[][] layered = new float[n][6];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 8; j++) {
                whole[i][j] = (float) random.nextGaussian();
            }
            for (int j = 0; j < 6; j++) {
                layered[i][j] = (float) random.nextGaussian();
            }
            ids.add("r" + i);
        }
        GradientIndex index = GradientIndex.fromProjected(
                whole, layered, new int[] {4, 2}, ids, 99, new GradientIndexConfig(8, 3, 0.1));
        Path file = dir.resolve("layers.tgix");
        index.save(file);
        GradientIndex loaded = GradientIndex.load(file);
        assertThat(loaded.hasLayers()).isTrue();
        ProjectedGradient q = new ProjectedGradient(whole[3], layered[3]);
        for (GradientIndex.Method method : GradientIndex.Method.values()) {
            assertThat(loaded.scores(q, method)).as(method.name()).containsExactly(index.scores(q, method));
            assertThat(loaded.selfInfluence(method)).containsExactly(index.selfInfluence(method));
        }
        assertThat(loaded.score(q, GradientIndex.Method.NORMALIZED_DATAINF, 1)
                        .top()
                        .get(0)
                        .id())
                .isEqualTo("r3");
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("layers-truncated.tgix");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> GradientIndex.load(truncated)).isInstanceOf(IOException.class);
    }

    @Test
    void savedAndLoadedIndexGivesIdenticalScores() throws IOException {
        Random random = new Random(4);
        int n = 200;
        int k = 32;
        float[][] rows = new float[n][k];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                rows[i][j] = (float) random.nextGaussian();
            }
            ids.add("rec/" + i + "/ünï");
        }
        GradientIndex index = GradientIndex.fromProjected(rows, ids, 1000, new GradientIndexConfig(k, 77, 0.2));
        Path file = dir.resolve("gradients.tgix");
        index.save(file);
        GradientIndex loaded = GradientIndex.load(file);
        assertThat(loaded.ids()).isEqualTo(ids);
        assertThat(loaded.config()).isEqualTo(index.config());
        assertThat(loaded.inputDimension()).isEqualTo(1000);
        float[] q = rows[17].clone();
        q[0] += 0.5f;
        for (GradientIndex.Method method : GradientIndex.Method.values()) {
            if (method.perLayer()) {
                assertThatThrownBy(() -> loaded.scores(new ProjectedGradient(q, null), method))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("format 1");
                continue;
            }
            assertThat(loaded.scores(q, method)).containsExactly(index.scores(q, method));
            assertThat(loaded.score(q, method, 5)).isEqualTo(index.score(q, method, 5));
        }
        assertThat(index.score(q, GradientIndex.Method.NORMALIZED_INFLUENCE, 1)
                        .top()
                        .get(0)
                        .id())
                .isEqualTo("rec/17/ünï");

        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.tgix");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> GradientIndex.load(truncated))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
        Path notAnIndex = dir.resolve("other.tgix");
        Files.writeString(notAnIndex, "hello world, not an index");
        assertThatThrownBy(() -> GradientIndex.load(notAnIndex)).hasMessageContaining("not a gradient index");
    }

    @Test
    void projectionPreservesInnerProductsWithinTheJohnsonLindenstraussBound() {
        int n = 3000;
        int k = 256;
        RandomProjection projection = new RandomProjection(n, k, 2026);
        Random random = new Random(8);
        double worst = 0;
        double sum = 0;
        int pairs = 20;
        for (int p = 0; p < pairs; p++) {
            float[] x = new float[n];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) random.nextGaussian();
                y[i] = (float) (random.nextDouble() * x[i] + random.nextGaussian());
            }
            double exact = dot(x, y);
            double projected = dot(projection.project(x), projection.project(y));
            // Var of the estimate ≤ 2‖x‖²‖y‖²/k: the error relative to ‖x‖‖y‖ has std ≤ √(2/k) ≈ 0.088.
            double relative = Math.abs(projected - exact) / Math.sqrt(dot(x, x) * dot(y, y));
            worst = Math.max(worst, relative);
            sum += relative;
        }
        assertThat(worst).isLessThan(4 * Math.sqrt(2.0 / k));
        assertThat(sum / pairs).isLessThan(Math.sqrt(2.0 / k));
    }

    @Test
    void rejectsMismatchedIdsAndQueries() {
        float[][] rows = {{1, 2}, {3, 4}};
        GradientIndexConfig config = new GradientIndexConfig(2, 1, 0.1);
        assertThatThrownBy(() -> GradientIndex.fromProjected(rows, List.of("a"), 5, config))
                .hasMessageContaining("Expected 2 record ids");
        assertThatThrownBy(() -> GradientIndex.fromProjected(rows, List.of("a", "a"), 5, config))
                .hasMessageContaining("Duplicate");
        GradientIndex index = GradientIndex.fromProjected(rows, List.of("a", "b"), 5, config);
        assertThatThrownBy(() -> index.score(new float[3], GradientIndex.Method.INFLUENCE, 1))
                .hasMessageContaining("2 entries");
        assertThatThrownBy(() -> new GradientIndexConfig(8, 1, 0)).hasMessageContaining("dampingRatio");
    }

    private static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
