package io.tributary.training.lora;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.training.TestModels;
import io.tributary.training.generate.Generation;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.Generator;
import io.tributary.training.generate.TokenListener;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.SafeTensors;
import io.tributary.training.train.TrainingConfig;
import io.tributary.training.train.TrainingData;
import io.tributary.training.train.TrainingResult;
import io.tributary.training.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LoRA, PEFT files, merging and generation on a Llama-family base work as on the GPT-2 one. */
class LlamaAdapterTest {

    private static final int[] PROMPT = TestModels.tokens("And God said, Let there be");

    @Test
    void anAdapterTrainedOnALlamaBaseRoundTripsThroughPeftWithTheSameOutputs(@TempDir Path dir) throws Exception {
        try (LanguageModel model = TestModels.tinyLlama(40)) {
            AdapterConfig config = AdapterConfig.of(4, 8, 0.1, model.network().allProjectionTargets());
            float[][] base = model.logits(PROMPT);
            float[] frozen = model.weight("layers.0.self_attn.q_proj.weight");
            try (Adapter adapter = Adapter.create(model, config, 5)) {
                List<String> documents = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    documents.add(TestModels.TEXT);
                }
                TrainingResult result = TrainingRun.fineTuning(
                                model,
                                adapter,
                                TrainingData.causalText(TestModels.tokenizer(), documents, 24),
                                TrainingConfig.builder()
                                        .maxSteps(6)
                                        .batchSize(4)
                                        .learningRate(1e-2)
                                        .warmupSteps(1)
                                        .validationFraction(0)
                                        .build())
                        .run();
                assertThat(result.steps()).isEqualTo(6);
                assertThat(result.finalLoss()).isLessThan(result.losses().get(0));
                assertThat(model.weight("layers.0.self_attn.q_proj.weight")).isEqualTo(frozen);
                float[][] adapted = model.logits(PROMPT, adapter);
                assertThat(TestModels.maxAbsDifference(adapted, base)).isGreaterThan(1e-3f);

                adapter.save(dir.resolve("adapter"), "tiny-llama");
                JsonObject json = JsonParser.parseString(
                                Files.readString(dir.resolve("adapter").resolve(Adapter.CONFIG_FILE)))
                        .getAsJsonObject();
                assertThat(json.get("target_modules").toString())
                        .isEqualTo(
                                "[\"q_proj\",\"k_proj\",\"v_proj\",\"o_proj\",\"gate_proj\",\"up_proj\",\"down_proj\"]");
                assertThat(json.get("fan_in_fan_out").getAsBoolean()).isFalse();
                try (NDManager manager = NDManager.newBaseManager()) {
                    Map<String, NDArray> tensors =
                            SafeTensors.read(dir.resolve("adapter").resolve(Adapter.WEIGHTS_FILE), manager);
                    assertThat(tensors).hasSize(2 * 2 * 7);
                    assertThat(tensors.get("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight")
                                    .getShape()
                                    .getShape())
                            .containsExactly(4, 32);
                    // k_proj maps width 32 to 2 key/value heads × 8 = 16
                    assertThat(tensors.get("base_model.model.model.layers.1.self_attn.k_proj.lora_B.weight")
                                    .getShape()
                                    .getShape())
                            .containsExactly(16, 4);
                    assertThat(tensors).containsKey("base_model.model.model.layers.1.mlp.down_proj.lora_A.weight");
                }
                try (Adapter loaded = Adapter.load(dir.resolve("adapter"), model)) {
                    assertThat(TestModels.maxAbsDifference(model.logits(PROMPT, loaded), adapted))
                            .isEqualTo(0f);
                    model.merge(loaded);
                    assertThat(TestModels.maxAbsDifference(model.logits(PROMPT), adapted))
                            .isLessThan(1e-4f);
                    model.unmerge();
                    assertThat(model.logits(PROMPT)).isDeepEqualTo(base);
                }
            }
        }
    }

    @Test
    void aLlamaModelSavesAndLoadsWithIdenticalLogits(@TempDir Path dir) throws Exception {
        float[][] before;
        try (LanguageModel model = TestModels.tinyLlama(41)) {
            before = model.logits(PROMPT);
            model.save(dir);
        }
        JsonObject config = JsonParser.parseString(Files.readString(dir.resolve("config.json")))
                .getAsJsonObject();
        assertThat(config.getAsJsonArray("architectures").get(0).getAsString()).isEqualTo("LlamaForCausalLM");
        assertThat(config.get("num_key_value_heads").getAsInt()).isEqualTo(2);
        try (LanguageModel loaded = LanguageModel.load(dir)) {
            assertThat(loaded.architecture()).isEqualTo("LlamaForCausalLM");
            assertThat(loaded.logits(PROMPT)).isDeepEqualTo(before);
        }
    }

    @Test
    void kvCacheGenerationEqualsRecomputationOnALlamaModel() {
        try (LanguageModel model = TestModels.tinyLlama(42);
                Adapter adapter = TestModels.randomAdapter(
                        model, AdapterConfig.of(4, 8, 0, model.network().allProjectionTargets()), 6)) {
            Generator generator = new Generator(model);
            GenerationConfig.Builder config =
                    GenerationConfig.builder().maxNewTokens(30).stopAtEndOfText(false);
            for (Adapter a : new Adapter[] {null, adapter}) {
                Generation cached =
                        generator.generate("And God", a, config.useKvCache(true).build(), TokenListener.none());
                Generation recomputed = generator.generate(
                        "And God", a, config.useKvCache(false).build(), TokenListener.none());
                assertThat(cached.tokens()).hasSize(30);
                assertThat(cached.tokens()).isEqualTo(recomputed.tokens());
            }
        }
    }
}
