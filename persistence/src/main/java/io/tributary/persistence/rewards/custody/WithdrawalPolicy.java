package io.tributary.persistence.rewards.custody;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

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
        boolean scheduledPayouts) {

    /**
     * What {@code proposed} loosens compared with this policy: a higher daily limit, a higher approval threshold
     * (fewer runs need a second admin) or a shorter cooling-off. Empty when the change only tightens or is neutral.
     */
    public List<String> loosenedBy(WithdrawalPolicy proposed) {
        List<String> loosened = new ArrayList<>();
        if (proposed.dailyLimit().compareTo(dailyLimit) > 0) loosened.add("a higher daily limit");
        if (proposed.approvalThreshold().compareTo(approvalThreshold) > 0) loosened.add("a higher approval threshold");
        if (proposed.coolingOffHours() < coolingOffHours) loosened.add("a shorter cooling-off period");
        return loosened;
    }
}
