package io.tributary.persistence.wallet;

import java.math.BigInteger;

/**
 * How money may leave an organization's wallet: at most {@code dailyLimit} per 24 hours, runs above {@code
 * approvalThreshold} need a second org admin, balances below {@code payoutMinimum} wait for the next run, and a new
 * withdrawal address is usable only after {@code coolingOffHours}.
 */
public record WithdrawalPolicy(
        BigInteger dailyLimit,
        BigInteger approvalThreshold,
        BigInteger payoutMinimum,
        int coolingOffHours,
        boolean scheduledPayouts) {}
