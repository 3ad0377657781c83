package io.tributary.application.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PricingTest {

    private static final BigInteger TRIB = BigInteger.TEN.pow(18);

    @Test
    void chargesThePricePerThousandTokensInBaseUnits() {
        assertThat(Pricing.charge(new BigDecimal("0.5"), 1000)).isEqualTo(TRIB.divide(BigInteger.TWO));
        assertThat(Pricing.charge(new BigDecimal("2"), 1500)).isEqualTo(TRIB.multiply(BigInteger.valueOf(3)));
        assertThat(Pricing.charge(new BigDecimal("0.25"), 37)).isEqualTo(new BigInteger("9250000000000000"));
    }

    @Test
    void roundsUpToAWholeBaseUnitSoNoRequestIsFreeByRounding() {
        // 0.000001 TRIB per 1,000 tokens is 10^12 base units per 1,000 tokens: one token costs 10^9 exactly.
        assertThat(Pricing.charge(new BigDecimal("0.000001"), 1)).isEqualTo(BigInteger.valueOf(1_000_000_000L));
        // A third of a base unit per token still costs one base unit for one token.
        BigDecimal third = new BigDecimal("0.000000000000000333");
        assertThat(Pricing.charge(third, 1)).isEqualTo(BigInteger.ONE);
        assertThat(Pricing.charge(third, 3)).isEqualTo(BigInteger.ONE);
        assertThat(Pricing.charge(third, 4)).isEqualTo(BigInteger.TWO);
    }

    @Test
    void freeModelsAndEmptyRequestsCostNothing() {
        assertThat(Pricing.charge(BigDecimal.ZERO, 5000)).isZero();
        assertThat(Pricing.charge(new BigDecimal("1000"), 0)).isZero();
    }

    @Test
    void refusesNegativeInputs() {
        assertThatThrownBy(() -> Pricing.charge(new BigDecimal("-1"), 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pricing.charge(BigDecimal.ONE, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
