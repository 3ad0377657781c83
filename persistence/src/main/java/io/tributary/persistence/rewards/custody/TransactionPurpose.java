package io.tributary.persistence.rewards.custody;

/** Why a custodial wallet signs a transaction. */
public enum TransactionPurpose {
    /** The one-time unlimited allowance that lets the PayoutBatcher move the wallet's tokens. */
    APPROVE_BATCHER,
    PAYOUT_BATCH,
    /** An ERC-20 transfer to another organization's wallet, settling cross-organization value. */
    SETTLEMENT
}
