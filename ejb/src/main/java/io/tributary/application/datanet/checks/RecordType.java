package io.tributary.application.datanet.checks;

import java.util.List;

/** The shape of the records a DataNet collects, and the fields each record must carry. */
public enum RecordType {

    /** An instruction, an optional input it applies to, and the expected response. */
    INSTRUCTION_RESPONSE(List.of("instruction", "response"), List.of("input")),

    /** A question and its answer. */
    QUESTION_ANSWER(List.of("question", "answer"), List.of()),

    /** Free text; uploaded documents are split into records by {@link DocumentChunker}. */
    DOCUMENT(List.of("text"), List.of()),

    /** A text and the label an expert assigned to it. */
    LABELLED_TEXT(List.of("text", "label"), List.of());

    private final List<String> requiredFields;
    private final List<String> optionalFields;
    private final List<String> fields;

    RecordType(List<String> requiredFields, List<String> optionalFields) {
        this.requiredFields = requiredFields;
        this.optionalFields = optionalFields;
        // Canonical order: required fields first, so two records with the same content
        // serialise identically however the contributor ordered their JSON keys or CSV columns.
        this.fields = java.util.stream.Stream.concat(requiredFields.stream(), optionalFields.stream())
                .toList();
    }

    /** Fields every record of this type must have, non-empty. */
    public List<String> requiredFields() {
        return requiredFields;
    }

    /** Fields a record may have; absent ones are simply left out. */
    public List<String> optionalFields() {
        return optionalFields;
    }

    /** All known fields in canonical order (required, then optional). */
    public List<String> fields() {
        return fields;
    }

    /** Whether {@code name} is one of this type's fields. */
    public boolean knows(String name) {
        return fields.contains(name);
    }
}
