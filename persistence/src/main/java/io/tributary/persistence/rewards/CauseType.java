package io.tributary.persistence.rewards;

/** Why money moved; with the cause reference it links every transfer to the business event behind it. */
public enum CauseType {
    INFERENCE_CHARGE,
    GRANT,
    PAYOUT,
    WITHDRAWAL,
    DEPOSIT,
    GAS,
    ADJUSTMENT,
    /** An inference charge split from the holding account among contributors, validators, owner and platform. */
    FEE_SPLIT
}
