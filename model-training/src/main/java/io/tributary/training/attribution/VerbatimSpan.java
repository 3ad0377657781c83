package io.tributary.training.attribution;

import java.util.List;

/**
 * A maximal run of the answer's tokens found verbatim in training records.
 *
 * @param answerStart the span's first token in the answer
 * @param length its length in tokens
 * @param occurrences every place it occurs, ordered by record then offset
 */
public record VerbatimSpan(int answerStart, int length, List<Occurrence> occurrences) {

    public VerbatimSpan {
        occurrences = List.copyOf(occurrences);
    }

    /** Where a span occurs: the record's id and the span's first token in that record. */
    public record Occurrence(String recordId, int offset) {}
}
