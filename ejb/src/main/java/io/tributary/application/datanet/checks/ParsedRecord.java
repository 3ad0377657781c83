package io.tributary.application.datanet.checks;

import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record read from a contribution, before any check has judged it.
 *
 * @param position 1-based physical line number for JSONL, the line a CSV record starts on,
 *                 or the 1-based chunk number for documents
 * @param fields   field values in the record type's canonical order (see {@link RecordType#fields()})
 */
public record ParsedRecord(int position, Map<String, String> fields) {

    /** Separates a field's name from its value in {@link #canonicalText()}. */
    public static final char NAME_SEPARATOR = '\u001F';
    /** Separates one field from the next in {@link #canonicalText()}. */
    public static final char FIELD_SEPARATOR = '\u001E';

    public ParsedRecord {
        if (position < 1) {
            throw new IllegalArgumentException("position is 1-based, got " + position);
        }
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A record whose fields are put in {@code type}'s canonical order; unknown fields are dropped. */
    public static ParsedRecord of(RecordType type, int position, Map<String, String> values) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : type.fields()) {
            String value = values.get(name);
            if (value != null) {
                ordered.put(name, value);
            }
        }
        return new ParsedRecord(position, ordered);
    }

    /**
     * The record's content as one string, for hashing and similarity: step 1 of {@link ContentHash}'s definition of
     * {@code contentSha256}.
     *
     * <p>For each field in map order (the record type's order when built by {@link RecordReader}
     * or {@link #of}): the field name, U+001F, the NFC-normalised value; fields joined by U+001E.
     * The separators are replaced by a space inside values, so no value can imitate a field
     * boundary. Whitespace is left as is; {@link ContentHash} collapses it.
     */
    public String canonicalText() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!text.isEmpty()) {
                text.append(FIELD_SEPARATOR);
            }
            text.append(field.getKey()).append(NAME_SEPARATOR);
            String value = Normalizer.normalize(field.getValue(), Normalizer.Form.NFC);
            text.append(value.replace(NAME_SEPARATOR, ' ').replace(FIELD_SEPARATOR, ' '));
        }
        return text.toString();
    }

    /** The values alone joined by blank lines: what people (and the quality and PII checks) read. */
    public String readableText() {
        return String.join("\n\n", fields.values());
    }
}
