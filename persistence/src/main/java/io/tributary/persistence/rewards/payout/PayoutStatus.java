package io.tributary.persistence.rewards.payout;

/** Where a payout run stands: waiting for a second admin, refused, on its way, or settled (wholly or in part). */
public enum PayoutStatus {
    AWAITING_APPROVAL,
    REJECTED,
    SENDING,
    COMPLETED,
    FAILED,
    /** Some batches confirmed, others failed; the failed ones' money is back in the members' balances. */
    PARTIAL
}
