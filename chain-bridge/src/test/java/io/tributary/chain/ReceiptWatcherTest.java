package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReceiptWatcherTest {
    @RegisterExtension
    final ChainFixture f = new ChainFixture();

    private SignedTransaction payout(EvmAddress member, long amount) {
        return f.signPayout(new PayoutBatch(
                Bytes32.fromUuid(UUID.randomUUID()), List.of(new Payout(member, BigInteger.valueOf(amount)))));
    }

    @Test
    void confirmedOnlyOnceDeepEnough() {
        f.fundTreasury(ChainFixture.TOKEN);
        try (ChainClient threeDeep = f.client(3)) {
            ReceiptWatcher watcher = new ReceiptWatcher(threeDeep);
            SignedTransaction signed = payout(ChainFixture.freshAddress(1), 5);
            f.broadcaster.broadcast(signed);

            ReceiptState first = watcher.check(signed.hash());
            assertThat(first.status()).isEqualTo(ReceiptState.Status.MINED);
            assertThat(first.confirmations()).isEqualTo(1);
            assertThat(first.succeeded()).isTrue();

            f.chain.mine(1);
            ReceiptState second = watcher.check(signed.hash(), first.inclusion());
            assertThat(second.status()).isEqualTo(ReceiptState.Status.MINED);
            assertThat(second.confirmations()).isEqualTo(2);

            f.chain.mine(1);
            ReceiptState third = watcher.check(signed.hash(), second.inclusion());
            assertThat(third.status()).isEqualTo(ReceiptState.Status.CONFIRMED);
            assertThat(third.confirmations()).isEqualTo(3);
            assertThat(third.inclusion()).isEqualTo(first.inclusion());
            assertThat(threeDeep.confirmedBlockNumber())
                    .isEqualTo(first.inclusion().blockNumber());
        }
    }

    @Test
    void reorgOfTheIncludingBlockIsDetectedAndResendingPaysExactlyOnce() {
        f.fundTreasury(ChainFixture.TOKEN);
        EvmAddress member = ChainFixture.freshAddress(2);
        ReceiptWatcher watcher = new ReceiptWatcher(f.client);
        String beforePayout = f.chain.snapshot();
        SignedTransaction signed = payout(member, 42);
        f.broadcaster.broadcast(signed);
        ReceiptState seen = watcher.check(signed.hash());
        assertThat(seen.status()).isEqualTo(ReceiptState.Status.CONFIRMED);
        Inclusion stored = seen.inclusion();

        // The block holding the payout is replaced by others at the same height and beyond.
        assertThat(f.chain.revert(beforePayout)).isTrue();
        f.chain.mine(2);
        assertThat(f.client.canonicalBlockHash(stored.blockNumber()))
                .isPresent()
                .get()
                .isNotEqualTo(stored.blockHash());
        assertThat(f.balance(member)).isZero();

        ReceiptState afterReorg = watcher.check(signed.hash(), stored);
        assertThat(afterReorg.status()).isEqualTo(ReceiptState.Status.REORGED);
        assertThat(afterReorg.inclusion()).isNull();

        assertThat(f.broadcaster.broadcast(signed).inNodeHands()).isTrue();
        ReceiptState again = watcher.check(signed.hash(), stored);
        assertThat(again.status()).isEqualTo(ReceiptState.Status.CONFIRMED);
        assertThat(again.inclusion()).isNotEqualTo(stored);
        // A further re-send (say, a retry racing the receipt) changes nothing.
        assertThat(f.broadcaster.broadcast(signed).kind()).isEqualTo(BroadcastOutcome.Kind.ALREADY_KNOWN);
        assertThat(f.balance(member)).isEqualTo(BigInteger.valueOf(42));
        assertThat(f.client.paidBatches(
                        f.contracts.payoutBatcher(), Optional.of(f.treasuryAddress()), 0, f.client.latestBlockNumber()))
                .singleElement()
                .satisfies(batch -> assertThat(batch.transactionHash()).isEqualTo(signed.hash()));
    }

    @Test
    void reorgThatShortensTheChainIsDetected() {
        f.fundTreasury(ChainFixture.TOKEN);
        ReceiptWatcher watcher = new ReceiptWatcher(f.client);
        String beforePayout = f.chain.snapshot();
        SignedTransaction signed = payout(ChainFixture.freshAddress(3), 1);
        f.broadcaster.broadcast(signed);
        Inclusion stored = watcher.check(signed.hash()).inclusion();

        f.chain.revert(beforePayout);

        assertThat(f.client.canonicalBlockHash(stored.blockNumber())).isEmpty();
        assertThat(watcher.check(signed.hash(), stored).status()).isEqualTo(ReceiptState.Status.REORGED);
    }

    @Test
    void transactionsNeverSeenMinedAreUnknownNotReorged() {
        PayoutBatch batch = new PayoutBatch(
                Bytes32.fromUuid(UUID.randomUUID()), List.of(new Payout(ChainFixture.freshAddress(4), BigInteger.ONE)));
        SignedTransaction neverSent = f.signer.sign(
                f.treasury, f.payouts.payBatchCall(batch, BigInteger.valueOf(100_000)), 0, f.client.suggestFees());

        assertThat(new ReceiptWatcher(f.client).check(neverSent.hash()).status())
                .isEqualTo(ReceiptState.Status.UNKNOWN);
    }
}
