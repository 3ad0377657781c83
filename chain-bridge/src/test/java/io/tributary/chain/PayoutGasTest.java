package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.chain.dev.GasBenchmark;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gas budget the payout design was chosen for: at most 27k gas per recipient at n >= 100, new holders included. */
class PayoutGasTest {
    @RegisterExtension
    final ChainFixture f = new ChainFixture();

    @Test
    void batchOfHundredStaysWithinBudget() {
        List<GasBenchmark.Result> results = GasBenchmark.measure(f.client, 100);

        GasBenchmark.Result hundred = results.get(0);
        assertThat(hundred.newHoldersPerRecipient()).isLessThanOrEqualTo(27_000);
        assertThat(hundred.existingHoldersPerRecipient()).isLessThan(hundred.newHoldersPerRecipient());
    }
}
