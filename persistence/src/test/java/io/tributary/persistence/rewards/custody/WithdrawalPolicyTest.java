package io.tributary.persistence.rewards.custody;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class WithdrawalPolicyTest {

    private static WithdrawalPolicy policy(long limit, long threshold, long minimum, int hours, boolean scheduled) {
        return new WithdrawalPolicy(
                BigInteger.valueOf(limit),
                BigInteger.valueOf(threshold),
                BigInteger.valueOf(minimum),
                hours,
                scheduled);
    }

    @Test
    void raisingLimitsOrShorteningTheCoolingOffLoosens() {
        WithdrawalPolicy current = policy(100, 10, 5, 24, false);
        assertThat(current.loosenedBy(policy(1_000, 10, 5, 24, false))).containsExactly("a higher daily limit");
        assertThat(current.loosenedBy(policy(100, 11, 5, 24, false))).containsExactly("a higher approval threshold");
        assertThat(current.loosenedBy(policy(100, 10, 5, 0, false))).containsExactly("a shorter cooling-off period");
        assertThat(current.loosenedBy(policy(1_000_000, 1_000_000, 5, 0, false)))
                .hasSize(3);
    }

    @Test
    void tighteningAndNeutralChangesDoNot() {
        WithdrawalPolicy current = policy(100, 10, 5, 24, false);
        assertThat(current.loosenedBy(current)).isEmpty();
        assertThat(current.loosenedBy(policy(50, 1, 1, 48, true))).isEmpty();
    }
}
