package io.tributary.application.factory;

import io.tributary.persistence.factory.Objective;
import jakarta.json.JsonObject;

/**
 * One released record as the model sees it: an instruction and its response, or a document. Kept in the record
 * order of the release export (sorted by record id) so that every read of a release gives the same data.
 */
public record TrainingText(String recordId, String instruction, String response, String document) {

    /**
     * The record's fields as training text for the objective, or null when the record has nothing to teach it
     * (a document under instruction tuning has no response).
     */
    static TrainingText of(String recordId, String recordType, JsonObject fields, Objective objective) {
        String text = switch (recordType) {
            case "INSTRUCTION_RESPONSE" -> join(fields.getString("instruction", ""), fields.getString("input", ""));
            case "QUESTION_ANSWER" -> fields.getString("question", "");
            case "LABELLED_TEXT" -> "Label this text: " + fields.getString("text", "");
            default -> fields.getString("text", "");
        };
        String response = switch (recordType) {
            case "INSTRUCTION_RESPONSE" -> fields.getString("response", "");
            case "QUESTION_ANSWER" -> fields.getString("answer", "");
            case "LABELLED_TEXT" -> fields.getString("label", "");
            default -> "";
        };
        if (objective == Objective.CONTINUED_PRETRAINING) {
            String document = response.isBlank() ? text : text + "\n" + response;
            return document.isBlank() ? null : new TrainingText(recordId, null, null, document);
        }
        if (text.isBlank() || response.isBlank()) {
            return null;
        }
        return new TrainingText(recordId, text, response, null);
    }

    private static String join(String instruction, String input) {
        return input.isBlank() ? instruction : instruction + "\n\n" + input;
    }

    public boolean isInstruction() {
        return instruction != null;
    }
}
