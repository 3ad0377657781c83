package io.tributary.application.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.application.attribution.ChargeSplit.Claim;
import io.tributary.persistence.attribution.PayeeRole;
import io.tributary.persistence.attribution.ReceiptPayee;
import io.tributary.persistence.attribution.Shares;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The remainder rule and the empty-role rule, on cases small enough to check by hand. */
class ChargeSplitTest {

    static final UUID T = new UUID(1, 1);
    static final Claim OWNER = new Claim(T, new UUID(9, 9), BigInteger.ONE);

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void leftoverUnitsGoToTheLargestRemaindersThenToTheEarlierPart() {
        // 10 × (1,1,1) / 3: 3 each with remainder 1 each; the one unit left goes to the first.
        assertThat(ChargeSplit.apportion(big(10), List.of(big(1), big(1), big(1))))
                .containsExactly(big(4), big(3), big(3));
        // 10 × (1,2) / 3 = 3.33, 6.67: the second has the larger remainder.
        assertThat(ChargeSplit.apportion(big(10), List.of(big(1), big(2)))).containsExactly(big(3), big(7));
    }

    @Test
    void aSevenUnitChargeSplitsByTheDefaultsExactly() {
        Claim a = new Claim(T, new UUID(2, 1), big(1));
        Claim b = new Claim(T, new UUID(2, 2), big(1));
        Claim v = new Claim(T, new UUID(3, 1), big(1));
        List<ReceiptPayee> legs = ChargeSplit.split(big(7), Shares.DEFAULT, List.of(b, a), List.of(v), OWNER);
        // 7 × (50, 10, 30, 10)% = 3.5, 0.7, 2.1, 0.7 → floors 3, 0, 2, 0 and 2 units left: validators (0.7) then
        // platform (0.7, later in the order). Contributors' 3 → a 2 (first by member id), b 1.
        assertThat(legs)
                .containsExactly(
                        new ReceiptPayee(PayeeRole.CONTRIBUTOR, T, a.memberId(), big(2)),
                        new ReceiptPayee(PayeeRole.CONTRIBUTOR, T, b.memberId(), big(1)),
                        new ReceiptPayee(PayeeRole.VALIDATOR, T, v.memberId(), big(1)),
                        new ReceiptPayee(PayeeRole.MODEL_OWNER, T, OWNER.memberId(), big(2)),
                        new ReceiptPayee(PayeeRole.PLATFORM, null, null, big(1)));
    }

    @Test
    void withoutValidatorsTheirShareJoinsTheContributorsAndWithoutEitherTheOwners() {
        Claim a = new Claim(T, new UUID(2, 1), big(1));
        assertThat(ChargeSplit.split(big(100), Shares.DEFAULT, List.of(a), List.of(), OWNER))
                .containsExactly(
                        new ReceiptPayee(PayeeRole.CONTRIBUTOR, T, a.memberId(), big(60)),
                        new ReceiptPayee(PayeeRole.MODEL_OWNER, T, OWNER.memberId(), big(30)),
                        new ReceiptPayee(PayeeRole.PLATFORM, null, null, big(10)));
        assertThat(ChargeSplit.split(big(100), Shares.DEFAULT, List.of(), List.of(), OWNER))
                .containsExactly(
                        new ReceiptPayee(PayeeRole.MODEL_OWNER, T, OWNER.memberId(), big(90)),
                        new ReceiptPayee(PayeeRole.PLATFORM, null, null, big(10)));
    }

    @Test
    void aZeroChargeHasNoLegs() {
        assertThat(ChargeSplit.split(BigInteger.ZERO, Shares.DEFAULT, List.of(), List.of(), OWNER))
                .isEmpty();
    }
}
