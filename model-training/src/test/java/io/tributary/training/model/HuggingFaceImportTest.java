package io.tributary.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Importing Hugging Face folders of the GPT-2 and Llama families, checked against the NumPy reference. */
class HuggingFaceImportTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama", "qwen2", "mistral", "smollm"})
    void logitsMatchTheNumPyReference(String kind, @TempDir Path dir) throws Exception {
        Path folder = HuggingFaceReference.write(kind, dir.resolve(kind), 7);
        Random random = new Random(kind.hashCode());
        int[] tokens = new int[19];
        try (BaseModel base = BaseModel.load(folder)) {
            int vocab = base.info().vocabularySize();
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = random.nextInt(vocab);
            }
            float[][] actual = base.model().logits(tokens);
            double[][] expected = HuggingFaceReference.logits(folder, tokens);
            double worst = 0;
            double largest = 0;
            for (int t = 0; t < tokens.length; t++) {
                for (int v = 0; v < vocab; v++) {
                    worst = Math.max(worst, Math.abs(actual[t][v] - expected[t][v]));
                    largest = Math.max(largest, Math.abs(expected[t][v]));
                }
            }
            assertThat(largest)
                    .as("the reference logits are not trivially small")
                    .isGreaterThan(1.0);
            assertThat(worst).as("largest difference from the NumPy reference").isLessThan(1e-4);
        }
    }

    @Test
    void recordsArchitectureLicenceHashSizeAndContext(@TempDir Path dir) throws Exception {
        Path folder = HuggingFaceReference.write("qwen2", dir.resolve("q"), 3);
        String sha = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(folder.resolve("model.safetensors"))));
        try (BaseModel base = BaseModel.load(folder)) {
            BaseModelInfo info = base.info();
            assertThat(info.architecture()).isEqualTo("Qwen2ForCausalLM");
            assertThat(info.licence()).isEqualTo("unknown");
            assertThat(info.sha256()).isEqualTo(sha);
            // embeddings (tied) + 2 layers × (norms, q/k/v/o with q/k/v biases, SwiGLU) + final norm
            long layer = 2 * 64 + (64 * 64 + 64) + 2 * (16 * 64 + 16) + 64 * 64 + 3 * 64 * 128;
            assertThat(info.parameters()).isEqualTo(272L * 64 + 2 * layer + 64);
            assertThat(info.contextLength()).isEqualTo(128);
            assertThat(info.vocabularySize()).isEqualTo(272);
        }
        try (BaseModel base = BaseModel.load(folder, "Apache-2.0 (stated by the uploader)")) {
            assertThat(base.info().licence()).isEqualTo("Apache-2.0 (stated by the uploader)");
        }
        Files.writeString(
                folder.resolve("LICENSE"),
                "\n                                 Apache License\n                           Version 2.0, January 2004\n");
        try (BaseModel base = BaseModel.load(folder)) {
            assertThat(base.info().licence()).isEqualTo("Apache-2.0");
        }
        Files.delete(folder.resolve("LICENSE"));
        Files.writeString(folder.resolve("README.md"), "---\nlicense: mit\nlanguage: en\n---\n# A model\n");
        try (BaseModel base = BaseModel.load(folder)) {
            assertThat(base.info().licence()).isEqualTo("mit");
        }
    }

    @Test
    void theShippedBaseLoadsThroughTheSameFacade() throws Exception {
        Path shipped = Path.of("base-model");
        try (BaseModel base = BaseModel.load(shipped)) {
            assertThat(base.info().architecture()).isEqualTo("GPT2LMHeadModel");
            assertThat(base.info().parameters()).isEqualTo(base.model().parameterCount());
            assertThat(base.info().sha256())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(Files.readAllBytes(shipped.resolve("model.safetensors")))));
            assertThat(base.info().contextLength())
                    .isEqualTo(base.model().config().contextLength());
            assertThat(base.model().requireTokenizer().vocabularySize())
                    .isLessThanOrEqualTo(base.info().vocabularySize());
        }
    }

    @Test
    void refusesUnknownArchitecturesNamingThem(@TempDir Path dir) throws Exception {
        Path folder = HuggingFaceReference.write("llama", dir.resolve("m"), 1);
        editConfig(folder, json -> {
            json.getAsJsonArray("architectures").set(0, new com.google.gson.JsonPrimitive("FalconForCausalLM"));
            json.addProperty("model_type", "falcon");
        });
        assertThatThrownBy(() -> BaseModel.load(folder))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("FalconForCausalLM")
                .hasMessageContaining("config.json")
                .hasMessageContaining("LlamaForCausalLM");
    }

    @Test
    void refusesMissingFilesNamingThem(@TempDir Path dir) throws Exception {
        for (String file : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            Path folder = HuggingFaceReference.write("smollm", dir.resolve(file), 1);
            Files.delete(folder.resolve(file));
            assertThatThrownBy(() -> BaseModel.load(folder))
                    .isInstanceOf(ModelImportException.class)
                    .hasMessageContaining(file);
        }
        assertThatThrownBy(() -> BaseModel.load(dir.resolve("nowhere")))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("nowhere");
    }

    @Test
    void refusesShapeMismatchesNamingTheTensorAndBothShapes(@TempDir Path dir) throws Exception {
        Path folder = HuggingFaceReference.write("llama", dir.resolve("m"), 1);
        // The checkpoint has 2 key/value heads (k_proj [32, 64]); the config now claims 1.
        editConfig(folder, json -> json.addProperty("num_key_value_heads", 1));
        assertThatThrownBy(() -> BaseModel.load(folder))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("model.layers.0.self_attn.k_proj.weight")
                .hasMessageContaining("(32, 64)")
                .hasMessageContaining("expected (16, 64)")
                .hasMessageContaining("model.safetensors");
    }

    @Test
    void refusesMissingTensorsNamingThem(@TempDir Path dir) throws Exception {
        Path folder = HuggingFaceReference.write("llama", dir.resolve("m"), 1);
        editConfig(folder, json -> json.addProperty("num_hidden_layers", 3));
        assertThatThrownBy(() -> BaseModel.load(folder))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("lack tensors")
                .hasMessageContaining("model.layers.2.self_attn.q_proj.weight");
    }

    @Test
    void refusesATokenizerLargerThanTheVocabulary(@TempDir Path dir) throws Exception {
        Path folder = HuggingFaceReference.write("qwen2", dir.resolve("m"), 1);
        editConfig(folder, json -> {
            json.addProperty("vocab_size", 200);
            json.addProperty("eos_token_id", 0);
        });
        assertThatThrownBy(() -> BaseModel.load(folder))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("tokenizer.json")
                .hasMessageContaining("264 tokens")
                .hasMessageContaining("vocab_size");
    }

    @Test
    void refusesByteFallbackTokenizersAndUnsupportedSettingsClearly(@TempDir Path dir) throws Exception {
        Path folder = HuggingFaceReference.write("llama", dir.resolve("m"), 1);
        Path tokenizer = folder.resolve("tokenizer.json");
        String original = Files.readString(tokenizer, StandardCharsets.UTF_8);
        Files.writeString(tokenizer, original.replace("\"byte_fallback\": false", "\"byte_fallback\": true"));
        assertThatThrownBy(() -> BaseModel.load(folder))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("byte fallback")
                .hasMessageContaining("tokenizer.json");
        Files.writeString(tokenizer, original);
        editConfig(folder, json -> {
            JsonObject scaling = new JsonObject();
            scaling.addProperty("rope_type", "yarn");
            scaling.addProperty("factor", 4.0);
            json.add("rope_scaling", scaling);
        });
        assertThatThrownBy(() -> BaseModel.load(folder))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("rope_scaling");
    }

    static void editConfig(Path folder, java.util.function.Consumer<JsonObject> edit) throws Exception {
        Path file = folder.resolve("config.json");
        JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        edit.accept(json);
        Files.writeString(file, json.toString());
    }
}
