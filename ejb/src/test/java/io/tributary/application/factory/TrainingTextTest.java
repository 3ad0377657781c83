package io.tributary.application.factory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.persistence.factory.Objective;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TrainingTextTest {

    private static JsonObject fields(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void eachRecordTypeBecomesAnInstructionAndItsResponse() {
        assertThat(TrainingText.of(
                        "1",
                        "QUESTION_ANSWER",
                        fields("{\"question\":\"Q?\",\"answer\":\"A.\"}"),
                        Objective.INSTRUCTION))
                .isEqualTo(new TrainingText("1", "Q?", "A.", null));
        assertThat(TrainingText.of(
                        "2",
                        "INSTRUCTION_RESPONSE",
                        fields("{\"instruction\":\"Sum\",\"input\":\"1 2\",\"response\":\"3\"}"),
                        Objective.INSTRUCTION))
                .isEqualTo(new TrainingText("2", "Sum\n\n1 2", "3", null));
        assertThat(TrainingText.of(
                        "3", "LABELLED_TEXT", fields("{\"text\":\"T\",\"label\":\"L\"}"), Objective.INSTRUCTION))
                .isEqualTo(new TrainingText("3", "Label this text: T", "L", null));
    }

    @Test
    void documentsTeachNothingToInstructionTuningButFeedContinuedPretraining() {
        JsonObject doc = fields("{\"text\":\"A page of text.\"}");
        assertThat(TrainingText.of("4", "DOCUMENT", doc, Objective.INSTRUCTION)).isNull();
        assertThat(TrainingText.of("4", "DOCUMENT", doc, Objective.CONTINUED_PRETRAINING))
                .isEqualTo(new TrainingText("4", null, null, "A page of text."));
        assertThat(TrainingText.of(
                                "5",
                                "QUESTION_ANSWER",
                                fields("{\"question\":\"Q?\",\"answer\":\"A.\"}"),
                                Objective.CONTINUED_PRETRAINING)
                        .document())
                .isEqualTo("Q?\nA.");
    }

    @Test
    void aRecordMissingItsAnswerIsLeftOut() {
        assertThat(TrainingText.of("6", "QUESTION_ANSWER", fields("{\"question\":\"Q?\"}"), Objective.INSTRUCTION))
                .isNull();
    }
}
