package io.tributary.application.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FeeReplacementTest {

    @Test
    void aReplacementPaysAtLeastAnEighthMore() {
        for (long fee : new long[] {0, 1, 7, 8, 100, 1_000_000_007L, 30_000_000_000L}) {
            BigInteger old = BigInteger.valueOf(fee);
            BigInteger bumped = WalletSender.replacement(old);
            // bumped >= old * 1.125, i.e. 8 * bumped >= 9 * old, and always strictly more.
            assertThat(bumped.shiftLeft(3)).isGreaterThanOrEqualTo(old.multiply(BigInteger.valueOf(9)));
            assertThat(bumped).isGreaterThan(old);
        }
    }
}
