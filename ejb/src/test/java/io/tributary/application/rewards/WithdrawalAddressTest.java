package io.tributary.application.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.application.InvalidInput;
import org.junit.jupiter.api.Test;

class WithdrawalAddressTest {

    private static final String CHECKSUMMED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @Test
    void acceptsLowerCaseAndCorrectlyChecksummedAddressesAndStoresTheChecksumForm() {
        assertThat(WalletService.normalizeAddress(CHECKSUMMED.toLowerCase())).isEqualTo(CHECKSUMMED);
        assertThat(WalletService.normalizeAddress(" " + CHECKSUMMED + " ")).isEqualTo(CHECKSUMMED);
    }

    @Test
    void refusesTyposInTheChecksumTheZeroAddressAndNonAddresses() {
        String typo = CHECKSUMMED.replace("aAeb", "AAeb");
        for (String bad :
                new String[] {typo, "0x" + "0".repeat(40), "0x123", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", null}) {
            assertThatThrownBy(() -> WalletService.normalizeAddress(bad)).isInstanceOf(InvalidInput.class);
        }
    }

    @Test
    void batchGasLimitCoversTheMeasuredCostPerRecipientWithHeadroom() {
        // chain-bridge's GasBenchmark measured ~26.9k gas per recipient at n = 100 and 26.5k at n = 300.
        assertThat(WalletSender.gasLimit(100).longValue()).isGreaterThan(100 * 27_000L + 50_000L);
        assertThat(WalletSender.gasLimit(PayoutService.BATCH_SIZE).longValue()).isLessThan(15_000_000L);
    }
}
