package io.tributary.application.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.application.InvalidInput;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class TribTest {

    @Test
    void typedAmountsBecomeBaseUnitsExactly() {
        assertThat(Trib.parse("amount", new BigDecimal("12.5"))).isEqualTo(new BigInteger("12500000000000000000"));
        assertThat(Trib.parse("amount", new BigDecimal("0.000000000000000001"))).isEqualTo(BigInteger.ONE);
        assertThat(Trib.of(3)).isEqualTo(new BigInteger("3000000000000000000"));
    }

    @Test
    void refusesWhatIsNotAPositiveAmountOfBaseUnits() {
        for (String bad : new String[] {"0", "-1", "0.0000000000000000001"}) {
            assertThatThrownBy(() -> Trib.parse("amount", new BigDecimal(bad)))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("TRIB");
        }
        assertThatThrownBy(() -> Trib.parse("amount", null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void showsAtMostFourDecimalsRoundedDown() {
        assertThat(Trib.format(new BigInteger("12500000000000000000"))).isEqualTo("12.5");
        assertThat(Trib.format(new BigInteger("999999999999999999"))).isEqualTo("0.9999");
        assertThat(Trib.format(BigInteger.ZERO)).isEqualTo("0");
        assertThat(Trib.formatEther(new BigInteger("1234567890000000000"))).isEqualTo("1.234567");
    }
}
