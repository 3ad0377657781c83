package io.tributary.persistence.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shape rules of a transfer, without a database. */
class TransferRequestTest {

    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();
    final UUID c = UUID.randomUUID();
    final UUID d = UUID.randomUUID();

    TransferRequest request(List<Leg> legs) {
        return TransferRequest.posted(UUID.randomUUID(), CauseType.ADJUSTMENT, "test", null, legs);
    }

    @Test
    void needsAtLeastTwoLegs() {
        assertThatThrownBy(() -> request(List.of(Leg.of(a, 0))))
                .isInstanceOf(InvalidTransfer.class)
                .hasMessageContaining("at least two");
    }

    @Test
    void refusesZeroLegs() {
        assertThatThrownBy(() -> request(List.of(Leg.of(a, 5), Leg.of(b, -5), Leg.of(c, 0))))
                .isInstanceOf(InvalidTransfer.class)
                .hasMessageContaining("leg 2")
                .hasMessageContaining("is zero");
    }

    @Test
    void refusesAnAccountTwice() {
        assertThatThrownBy(() -> request(List.of(Leg.of(a, 5), Leg.of(b, -3), Leg.of(a, -2))))
                .isInstanceOf(InvalidTransfer.class)
                .hasMessageContaining("more than one leg");
    }

    @Test
    void refusesAMissingCause() {
        assertThatThrownBy(() -> TransferRequest.posted(
                        UUID.randomUUID(), CauseType.GRANT, " ", null, List.of(Leg.of(a, 1), Leg.of(b, -1))))
                .isInstanceOf(InvalidTransfer.class)
                .hasMessageContaining("cause reference");
    }

    @Test
    void legsMustSumToZeroInEachCurrencyNotJustOverall() {
        Map<UUID, String> currencies = Map.of(a, "TRIB", b, "ETH", c, "TRIB", d, "ETH");
        TransferRequest crossCurrency = request(List.of(Leg.of(a, 5), Leg.of(b, -5)));
        assertThatThrownBy(() -> crossCurrency.requireBalanced(currencies))
                .isInstanceOfSatisfying(
                        UnbalancedTransfer.class,
                        e -> assertThat(e.imbalance())
                                .containsEntry("TRIB", BigInteger.valueOf(5))
                                .containsEntry("ETH", BigInteger.valueOf(-5)))
                .hasMessageContaining("TRIB is off by 5");

        request(List.of(Leg.of(a, 5), Leg.of(c, -5), Leg.of(b, -7), Leg.of(d, 7)))
                .requireBalanced(currencies);
    }

    @Test
    void anUnknownAccountIsNamed() {
        assertThatThrownBy(() -> request(List.of(Leg.of(a, 5), Leg.of(b, -5))).requireBalanced(Map.of(a, "TRIB")))
                .isInstanceOf(UnknownAccount.class)
                .hasMessageContaining(b.toString());
    }
}
