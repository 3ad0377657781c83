package io.tributary.persistence.rewards.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NettingTest {

    static final UUID A = new UUID(0, 1);
    static final UUID B = new UUID(0, 2);
    static final UUID C = new UUID(0, 3);
    static final UUID D = new UUID(0, 4);

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void oneDebtorPaysEachCreditorWhatItIsOwedLargestFirst() {
        // A's caller paid 20 for an inference; the split gave B (owner) 6, C (contributors) 12, the platform 2.
        List<Obligation> transfers = Netting.net(Map.of(A, big(-20), B, big(6), C, big(12)));
        assertThat(transfers).containsExactly(new Obligation(A, C, big(12)), new Obligation(A, B, big(6)));
    }

    @Test
    void whatThePlatformWasPaidStaysWithTheSmallestDebtor() {
        List<Obligation> transfers = Netting.net(Map.of(A, big(-10), B, big(-4), C, big(12)));
        assertThat(transfers).containsExactly(new Obligation(A, C, big(10)), new Obligation(B, C, big(2)));
    }

    @Test
    void nothingOwedNothingSent() {
        assertThat(Netting.net(Map.of())).isEmpty();
        assertThat(Netting.net(Map.of(A, big(5)))).isEmpty();
        assertThat(Netting.net(Map.of(A, big(-5), B, BigInteger.ZERO))).isEmpty();
    }

    @Test
    void randomPositionsSettleWithinWhatEachOwesAndIsOwedInAtMostNMinusOneTransfers() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            Map<UUID, BigInteger> positions = new LinkedHashMap<>();
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                positions.put(
                        UUID.randomUUID(), big(random.nextInt(2001) - 1000).multiply(BigInteger.TEN.pow(15)));
            }
            List<Obligation> transfers = Netting.net(positions);
            BigInteger debts = BigInteger.ZERO;
            BigInteger credits = BigInteger.ZERO;
            for (BigInteger p : positions.values()) {
                if (p.signum() < 0) debts = debts.add(p.negate());
                else credits = credits.add(p);
            }
            Map<UUID, BigInteger> after = new HashMap<>(positions);
            for (Obligation o : transfers) {
                assertThat(o.amount()).isPositive();
                assertThat(o.debtor()).isNotEqualTo(o.creditor());
                after.merge(o.debtor(), o.amount(), BigInteger::add);
                after.merge(o.creditor(), o.amount().negate(), BigInteger::add);
            }
            // Nobody is made to pay more than it owes or receives more than it is owed: signs never flip.
            positions.forEach((id, p) -> {
                BigInteger left = after.get(id);
                assertThat(left.signum() == 0 || left.signum() == p.signum()).isTrue();
            });
            BigInteger moved = transfers.stream().map(Obligation::amount).reduce(BigInteger.ZERO, BigInteger::add);
            assertThat(moved).isEqualTo(debts.min(credits));
            long parties =
                    positions.values().stream().filter(p -> p.signum() != 0).count();
            assertThat((long) transfers.size()).isLessThanOrEqualTo(Math.max(0, parties - 1));
            assertThat(Netting.net(positions)).isEqualTo(transfers);
        }
    }
}
