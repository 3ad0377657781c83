package io.tributary.application.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelNameTest {

    @Test
    void readsOrganizationModelAndVersion() {
        assertThat(ModelName.parse("acme/clinical-qa")).contains(new ModelName("acme", "clinical-qa", null));
        assertThat(ModelName.parse("acme/clinical-qa@3")).contains(new ModelName("acme", "clinical-qa", 3));
        assertThat(ModelName.parse("Acme/clinical-qa").orElseThrow().organization())
                .isEqualTo("acme");
        assertThat(ModelName.parse("acme/clinical-qa@3").orElseThrow().id()).isEqualTo("acme/clinical-qa@3");
    }

    @Test
    void aNameWithoutOrganizationIsABase() {
        ModelName base = ModelName.parse("tributary-base-gpt-2-modern-english").orElseThrow();
        assertThat(base.isBase()).isTrue();
        assertThat(base.id()).isEqualTo("tributary-base-gpt-2-modern-english");
    }

    @Test
    void namesThatCannotExistAreNotFound() {
        for (String bad : new String[] {
            "",
            " ",
            "acme/",
            "/model",
            "acme/Model",
            "acme/model@0",
            "acme/model@x",
            "acme/model@",
            "acme/a/b",
            "acme/../x",
            "x".repeat(500),
            "acme/model@99999999999"
        }) {
            assertThat(ModelName.parse(bad)).as(bad).isEmpty();
        }
        assertThat(ModelName.parse(null)).isEmpty();
    }

    @Test
    void slugsAreLowerCaseWithDashes() {
        assertThat(ModelName.slug("Clinical assistant")).isEqualTo("clinical-assistant");
        assertThat(ModelName.slug("Tributary base (GPT-2, modern English)"))
                .isEqualTo("tributary-base-gpt-2-modern-english");
        assertThat(ModelName.slug("Übersetzer v2.1")).isEqualTo("ubersetzer-v2.1");
        assertThat(ModelName.slug("!!!")).isEqualTo("model");
        assertThat(ModelName.parse("acme/" + ModelName.slug("Clinical assistant")))
                .isPresent();
    }
}
