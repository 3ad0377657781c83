package io.tributary.application.datanet.checks;

import java.util.Set;

/**
 * The automatic quality verdict on a record's text.
 *
 * @param score 0 (worthless) to 1 (no concerns); see {@link QualityAssessment} for the formula
 * @param flags the concerns found, empty when none
 */
public record Quality(double score, Set<QualityFlag> flags) {

    public Quality {
        flags = Set.copyOf(flags);
    }
}
