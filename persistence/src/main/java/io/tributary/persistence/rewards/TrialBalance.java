package io.tributary.persistence.rewards;

import java.math.BigInteger;

/**
 * The books for one currency: in double entry the posted balances of all accounts sum to zero, pending debits equal
 * pending credits, and every cached balance equals the sum of its posted legs.
 */
public record TrialBalance(
        String currency,
        long accounts,
        BigInteger postedTotal,
        BigInteger pendingDebits,
        BigInteger pendingCredits,
        long accountsDisagreeingWithTheirLegs) {

    public boolean isBalanced() {
        return postedTotal.signum() == 0
                && pendingDebits.equals(pendingCredits)
                && accountsDisagreeingWithTheirLegs == 0;
    }
}
