package io.tributary.training.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.training.TestModels;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.SafeTensors;
import io.tributary.training.train.TrainingConfig;
import io.tributary.training.train.TrainingData;
import io.tributary.training.train.TrainingResult;
import io.tributary.training.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterTest {

    private static final int[] PROMPT = Arrays.copyOf(TestModels.tokens(TestModels.TEXT), 20);

    @Test
    void fineTuningChangesOnlyTheAdapterAndLeavesBaseWeightsBitIdentical() throws IOException {
        try (LanguageModel model = TestModels.tinyModel(10);
                Adapter adapter =
                        Adapter.create(model, AdapterConfig.of(4, 8, 0.1, AdapterConfig.ALL_PROJECTIONS), 1)) {
            Map<String, float[]> before = new HashMap<>();
            for (String name : model.weightNames()) {
                before.put(name, model.weight(name));
            }
            float[] loraBBefore = adapter.loraB("h.0.attn.c_attn").toFloatArray();
            TrainingData data =
                    TrainingData.causalText(model.requireTokenizer(), List.of(TestModels.TEXT, TestModels.TEXT), 16);
            TrainingResult result = TrainingRun.fineTuning(
                            model,
                            adapter,
                            data,
                            TrainingConfig.builder()
                                    .maxSteps(5)
                                    .batchSize(2)
                                    .learningRate(1e-2)
                                    .warmupSteps(1)
                                    .build())
                    .run();
            assertThat(result.steps()).isEqualTo(5);
            for (String name : model.weightNames()) {
                assertThat(model.weight(name)).as(name).containsExactly(before.get(name));
            }
            assertThat(adapter.loraB("h.0.attn.c_attn").toFloatArray()).isNotEqualTo(loraBBefore);
        }
    }

    @Test
    void peftRoundTripKeepsLogitsAndUsesPeftNames(@TempDir Path dir) throws IOException {
        try (LanguageModel model = TestModels.tinyModel(11);
                Adapter adapter =
                        TestModels.randomAdapter(model, AdapterConfig.of(3, 6, 0, List.of("c_attn", "mlp.c_proj")), 2);
                NDManager manager = NDManager.newBaseManager()) {
            adapter.save(dir, "tributary/base");
            JsonObject config = JsonParser.parseString(Files.readString(dir.resolve("adapter_config.json")))
                    .getAsJsonObject();
            assertThat(config.get("peft_type").getAsString()).isEqualTo("LORA");
            assertThat(config.get("r").getAsInt()).isEqualTo(3);
            assertThat(config.get("lora_alpha").getAsDouble()).isEqualTo(6.0);
            Map<String, NDArray> tensors = SafeTensors.read(dir.resolve("adapter_model.safetensors"), manager);
            assertThat(tensors.keySet())
                    .contains(
                            "base_model.model.transformer.h.0.attn.c_attn.lora_A.weight",
                            "base_model.model.transformer.h.1.mlp.c_proj.lora_B.weight")
                    .hasSize(2 * 2 * 2);
            assertThat(tensors.get("base_model.model.transformer.h.0.attn.c_attn.lora_B.weight")
                            .getShape()
                            .getShape())
                    .containsExactly(3L * model.config().width(), 3L);

            try (Adapter loaded = Adapter.load(dir, model)) {
                float[][] expected = model.logits(PROMPT, adapter);
                float[][] actual = model.logits(PROMPT, loaded);
                for (int t = 0; t < expected.length; t++) {
                    assertThat(actual[t]).containsExactly(expected[t]);
                }
                // And the adapter really matters, or the equality above would prove nothing.
                assertThat(TestModels.maxAbsDifference(expected, model.logits(PROMPT)))
                        .isGreaterThan(1e-3f);
            }
        }
    }

    @Test
    void mergeMatchesTheAdapterRouteAndUnmergeRestoresExactly() {
        try (LanguageModel model = TestModels.tinyModel(12);
                Adapter adapter =
                        TestModels.randomAdapter(model, AdapterConfig.of(4, 4, 0, AdapterConfig.ALL_PROJECTIONS), 3)) {
            float[] original = model.weight("h.1.mlp.c_fc.weight");
            float[][] viaRoute = model.logits(PROMPT, adapter);
            model.merge(adapter);
            float[][] merged = model.logits(PROMPT);
            for (int t = 0; t < merged.length; t++) {
                for (int v = 0; v < merged[t].length; v++) {
                    assertThat(merged[t][v]).isCloseTo(viaRoute[t][v], offset(1e-4f));
                }
            }
            assertThat(model.weight("h.1.mlp.c_fc.weight")).isNotEqualTo(original);
            model.unmerge();
            assertThat(model.weight("h.1.mlp.c_fc.weight")).containsExactly(original);
        }
    }

    @Test
    void badAdaptersGiveClearErrors(@TempDir Path dir) throws IOException {
        try (LanguageModel model = TestModels.tinyModel(13)) {
            assertThatThrownBy(() -> Adapter.load(dir.resolve("missing"), model))
                    .hasMessageContaining("not found");
            Files.writeString(dir.resolve("adapter_config.json"), "{\"peft_type\":\"PREFIX_TUNING\"}");
            assertThatThrownBy(() -> Adapter.load(dir, model)).hasMessageContaining("Unsupported peft_type");
            assertThatThrownBy(() -> Adapter.create(model, AdapterConfig.of(2, 2, 0, List.of("q_proj")), 1))
                    .hasMessageContaining("match no projection");
            assertThatThrownBy(() -> AdapterConfig.of(0, 2, 0, List.of("c_attn")))
                    .hasMessageContaining("rank");
        }
    }

    @Test
    void targetsFollowPeftSuffixMatching() {
        AdapterConfig config = AdapterConfig.of(2, 2, 0, List.of("c_proj"));
        assertThat(config.targets("h.0.attn.c_proj")).isTrue();
        assertThat(config.targets("h.0.mlp.c_proj")).isTrue();
        assertThat(config.targets("h.0.attn.c_attn")).isFalse();
        assertThat(AdapterConfig.of(2, 2, 0, List.of("attn.c_proj")).targets("h.3.mlp.c_proj"))
                .isFalse();
    }
}
