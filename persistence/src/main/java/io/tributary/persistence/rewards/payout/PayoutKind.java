package io.tributary.persistence.rewards.payout;

/** What started a payout run. */
public enum PayoutKind {
    /** An org admin paid every member above the minimum. */
    MANUAL,
    /** The daily schedule did. */
    SCHEDULED,
    /** A member withdrew their own earnings. */
    WITHDRAWAL
}
