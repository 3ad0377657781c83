package io.tributary.persistence.rewards;

/** What a ledger account holds, which decides whether it may go below zero. */
public enum AccountKind {
    CONTRIBUTOR_EARNINGS,
    VALIDATOR_EARNINGS,
    MODEL_OWNER_EARNINGS,
    TENANT_TREASURY,
    PREPAID_CREDITS,
    PLATFORM_FEES,
    PAYOUTS_IN_FLIGHT,
    GAS,
    /**
     * Inference charges waiting for attribution to split them: one per organization that owns served models, emptied
     * by one {@code FEE_SPLIT} transfer per receipt.
     */
    INFERENCE_HOLDING,
    /** The world outside the ledger: deposits come from it and withdrawals go to it, so it runs negative. */
    EXTERNAL;

    /** Only the outside world may be negative: every other account holds real value someone can spend. */
    public boolean allowsNegative() {
        return this == EXTERNAL;
    }
}
