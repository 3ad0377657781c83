package io.tributary.web.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.persistence.rewards.custody.ChainTransaction;
import io.tributary.persistence.rewards.custody.TransactionPurpose;
import io.tributary.web.rewards.WalletViews.TransactionView;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the API and pages show of wallet transactions. */
class WalletViewsTest {

    private static final String HASH = "0x" + "ab".repeat(32);

    @Test
    void aTransactionNeverShowsItsSignedBytes() {
        assertThat(Arrays.stream(TransactionView.class.getRecordComponents())
                        .map(RecordComponent::getType)
                        .filter(byte[].class::equals))
                .isEmpty();
        assertThat(Arrays.stream(TransactionView.class.getRecordComponents()).map(RecordComponent::getName))
                .doesNotContain("raw");
    }

    @Test
    void aSignedTransactionLinksToTheExplorerWhenOneIsConfigured() {
        ChainTransaction t =
                new ChainTransaction(UUID.randomUUID(), UUID.randomUUID(), TransactionPurpose.PAYOUT_BATCH);
        t.signed(7, new byte[] {1, 2, 3}, HASH);

        TransactionView linked = TransactionView.of(t, hash -> "https://explorer.test/tx/" + hash);
        TransactionView plain = TransactionView.of(t, hash -> null);

        assertThat(linked.explorerUrl()).isEqualTo("https://explorer.test/tx/" + HASH);
        assertThat(linked.nonce()).isEqualTo(7L);
        assertThat(plain.explorerUrl()).isNull();
        assertThat(plain.shortHash()).isEqualTo("0xababab…ababab").hasSizeLessThan(HASH.length());
    }

    @Test
    void aQueuedTransactionHasNoHashToLinkTo() {
        ChainTransaction t =
                new ChainTransaction(UUID.randomUUID(), UUID.randomUUID(), TransactionPurpose.PAYOUT_BATCH);

        TransactionView view = TransactionView.of(t, hash -> "https://explorer.test/tx/" + hash);

        assertThat(view.txHash()).isNull();
        assertThat(view.explorerUrl()).isNull();
        assertThat(view.shortHash()).isNull();
        assertThat(view.status()).isEqualTo("QUEUED");
    }
}
