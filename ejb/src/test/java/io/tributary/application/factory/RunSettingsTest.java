package io.tributary.application.factory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.persistence.factory.Objective;
import jakarta.json.Json;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

    private static RunSettings quick() {
        return Preset.QUICK.settings();
    }

    @Test
    void everyPresetIsValidForTheShippedBase() {
        for (Preset p : Preset.values()) {
            assertThat(p.settings().problems(256, 1000, Objective.INSTRUCTION))
                    .as(p.name())
                    .isEmpty();
        }
    }

    @Test
    void aMaximumLengthBeyondTheBaseContextIsExplainedAtItsField() {
        RunSettings s = RunSettings.of(read("{\"maxLength\":512}"), quick());
        assertThat(s.problems(256, 100, Objective.INSTRUCTION))
                .containsEntry("maxLength", "Maximum length 512 exceeds the base model's context of 256 tokens.");
    }

    @Test
    void earlyStoppingNeedsAValidationSplitAndInterval() {
        RunSettings s = RunSettings.of(read("{\"patience\":2,\"validationFraction\":0}"), quick());
        assertThat(s.problems(256, 100, Objective.INSTRUCTION)).containsKey("patience");
        RunSettings ok =
                RunSettings.of(read("{\"patience\":2,\"validationFraction\":0.1,\"evaluateEvery\":10}"), quick());
        assertThat(ok.problems(256, 100, Objective.INSTRUCTION)).isEmpty();
    }

    @Test
    void badNumbersAndUnknownModulesAreEachExplained() {
        RunSettings s = new RunSettings(0, -1, 0.9, List.of("q_proj"), 0, -1, 0, -3, 0, 0, 8, 0.9, 1, -1, -1, 0);
        assertThat(s.problems(256, 100, Objective.INSTRUCTION))
                .containsKeys(
                        "rank",
                        "alpha",
                        "dropout",
                        "targetModules",
                        "learningRate",
                        "warmupSteps",
                        "maxSteps",
                        "batchSize",
                        "accumulation",
                        "maxLength",
                        "validationFraction",
                        "patience",
                        "evaluateEvery",
                        "checkpointEvery");
    }

    @Test
    void aValidationSplitNeedsTwoExamplesAndWarmUpMustBeShorterThanTheRun() {
        assertThat(quick().problems(256, 1, Objective.INSTRUCTION)).containsKey("validationFraction");
        RunSettings s = RunSettings.of(read("{\"maxSteps\":10,\"warmupSteps\":10}"), quick());
        assertThat(s.problems(256, 100, Objective.INSTRUCTION)).containsKey("warmupSteps");
    }

    @Test
    void stepsComeFromEpochsOverTheTrainingSplitUnlessSet() {
        // 100 examples, 10 held out: 90 × 1 epoch ÷ (8 × 1) per step = 12 steps (rounded up).
        assertThat(quick().heldOut(100)).isEqualTo(10);
        assertThat(quick().steps(100)).isEqualTo(12);
        RunSettings thorough = Preset.THOROUGH.settings();
        assertThat(thorough.steps(100)).isEqualTo((6 * 90 + 15) / 16);
        assertThat(RunSettings.of(read("{\"maxSteps\":7}"), quick()).steps(100)).isEqualTo(7);
    }

    @Test
    void settingsSurviveTheirJsonDocument() {
        RunSettings s = Preset.THOROUGH.settings();
        assertThat(RunSettings.fromJson(s.toJson())).isEqualTo(s);
    }

    @Test
    void nonCommercialLicencesAreRecognised() {
        assertThat(Licences.isNonCommercial("CC-BY-NC-4.0")).isTrue();
        assertThat(Licences.isNonCommercial("CC BY-NC-SA 4.0")).isTrue();
        assertThat(Licences.isNonCommercial("Research only, non-commercial")).isTrue();
        assertThat(Licences.isNonCommercial("CC-BY-4.0")).isFalse();
        assertThat(Licences.isNonCommercial("proprietary")).isFalse();
        assertThat(Licences.isNonCommercial("Apache-2.0")).isFalse();
    }

    private static jakarta.json.JsonObject read(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
