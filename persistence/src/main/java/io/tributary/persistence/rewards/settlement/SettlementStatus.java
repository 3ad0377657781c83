package io.tributary.persistence.rewards.settlement;

/** Where a settlement's on-chain transfer is. */
public enum SettlementStatus {
    /** Queued, waiting for tokens or gas, or on its way: its amount counts as settled for planning. */
    SENDING,
    /** Confirmed on chain. */
    SETTLED,
    /** Reverted on chain: nothing moved, and the amount is owed again at the next planning. */
    FAILED
}
