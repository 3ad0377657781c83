package io.tributary.training.attribution;

/**
 * One training record's score for one inference.
 *
 * @param id the caller's record id
 * @param index the record's position in the list the index was built from
 * @param score higher means more influential (the scale depends on the method)
 */
public record ScoredRecord(String id, int index, double score) {}
