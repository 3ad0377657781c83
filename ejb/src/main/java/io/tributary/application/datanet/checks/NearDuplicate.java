package io.tributary.application.datanet.checks;

import java.util.UUID;

/**
 * An existing record that resembles the one being checked.
 *
 * @param recordId   the existing record
 * @param similarity estimated Jaccard similarity of the two records' shingle sets, 0..1
 */
public record NearDuplicate(UUID recordId, double similarity) {}
