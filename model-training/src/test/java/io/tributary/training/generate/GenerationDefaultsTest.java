package io.tributary.training.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationDefaultsTest {

    @TempDir
    Path model;

    private GenerationConfig read(String json) throws IOException {
        Files.writeString(model.resolve(GenerationDefaults.FILE), json);
        return GenerationDefaults.of(model).build();
    }

    @Test
    void withoutTheFileTheEngineDefaultsApply() throws IOException {
        GenerationConfig c = GenerationDefaults.of(model).build();
        assertThat(c.temperature()).isZero();
        assertThat(c.presencePenalty()).isZero();
        assertThat(c.frequencyPenalty()).isZero();
        assertThat(c.repetitionPenalty()).isEqualTo(1.0);
        assertThat(c.noRepeatNgramSize()).isZero();
    }

    @Test
    void theModelsSettingsApplyAndKeysThisEngineLacksAreIgnored() throws IOException {
        GenerationConfig c = read("""
                {"do_sample": true, "temperature": 0.7, "top_k": 40, "top_p": 0.9, "presence_penalty": 1.0,
                 "frequency_penalty": 0.3, "repetition_penalty": 1.3, "no_repeat_ngram_size": 4, "bos_token_id": 0,
                 "eos_token_id": [1, 2], "min_new_tokens": 3}""");
        assertThat(c.temperature()).isEqualTo(0.7);
        assertThat(c.topK()).isEqualTo(40);
        assertThat(c.topP()).isEqualTo(0.9);
        assertThat(c.presencePenalty()).isEqualTo(1.0);
        assertThat(c.frequencyPenalty()).isEqualTo(0.3);
        assertThat(c.repetitionPenalty()).isEqualTo(1.3);
        assertThat(c.noRepeatNgramSize()).isEqualTo(4);
    }

    @Test
    void asInHuggingFaceItIsGreedyUnlessDoSampleIsTrue() throws IOException {
        assertThat(read("{\"temperature\": 0.9}").temperature()).isZero();
        assertThat(read("{\"do_sample\": false, \"temperature\": 0.9}").temperature())
                .isZero();
        assertThat(read("{\"do_sample\": true}").temperature()).isEqualTo(1.0);
    }

    @Test
    void badValuesAreRefusedWithTheFileAndKeyNamed() {
        assertThatThrownBy(() -> read("{\"top_p\": 2}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(GenerationDefaults.FILE)
                .hasMessageContaining("topP must be in (0, 1]");
        assertThatThrownBy(() -> read("{\"temperature\": \"hot\"}"))
                .hasMessageContaining("temperature must be a number");
        assertThatThrownBy(() -> read("{\"top_k\": 2.5}")).hasMessageContaining("top_k must be a whole number");
        assertThatThrownBy(() -> read("{\"do_sample\": \"yes\"}"))
                .hasMessageContaining("do_sample must be true or false");
        assertThatThrownBy(() -> read("[1, 2]")).hasMessageContaining("is not a JSON object");
        assertThatThrownBy(() -> read("{not json")).hasMessageContaining("is not a JSON object");
    }
}
