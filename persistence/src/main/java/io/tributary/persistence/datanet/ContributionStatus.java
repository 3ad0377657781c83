package io.tributary.persistence.datanet;

/** Where a contribution stands: blocked by the automatic checks, in review, or decided. */
public enum ContributionStatus {
    /** Failed an automatic check (duplicate, personal data under a blocking policy, empty or garbage). */
    BLOCKED,
    /** Waiting for validators. */
    IN_REVIEW,
    /** Validators disagreed; the DataNet owner decides. */
    ESCALATED,
    ACCEPTED,
    REJECTED;

    public boolean isDecided() {
        return this == ACCEPTED || this == REJECTED;
    }
}
