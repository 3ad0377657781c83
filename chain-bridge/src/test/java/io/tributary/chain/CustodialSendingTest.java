package io.tributary.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server's payout path: sign with a database nonce, store the bytes, broadcast, re-send after a crash. */
class CustodialSendingTest {
    @RegisterExtension
    final ChainFixture f = new ChainFixture();

    private PayoutBatch oneMemberBatch(EvmAddress member, long amount) {
        return new PayoutBatch(
                Bytes32.fromUuid(UUID.randomUUID()), List.of(new Payout(member, BigInteger.valueOf(amount))));
    }

    @Test
    void storedBytesRebuildTheSameTransaction() {
        f.fundTreasury(ChainFixture.TOKEN);
        SignedTransaction signed = f.signPayout(oneMemberBatch(ChainFixture.freshAddress(1), 10));

        SignedTransaction restored = SignedTransaction.fromRaw(signed.raw());

        assertThat(restored).isEqualTo(signed);
        assertThat(restored.hash()).isEqualTo(signed.hash()).matches("0x[0-9a-f]{64}");
        assertThat(restored.from()).isEqualTo(f.treasuryAddress());
        assertThat(restored.nonce()).isEqualTo(f.client.pendingNonce(f.treasuryAddress()));
    }

    @Test
    void signerUsesTheNonceItIsGivenNotTheNodes() {
        f.fundTreasury(ChainFixture.TOKEN);
        long nodeNonce = f.client.pendingNonce(f.treasuryAddress());
        ContractCall call =
                f.payouts.payBatchCall(f.treasuryAddress(), oneMemberBatch(ChainFixture.freshAddress(2), 10));
        GasFees fees = f.client.suggestFees();

        SignedTransaction ahead = f.signer.sign(f.treasury, call, nodeNonce + 5, fees);

        assertThat(ahead.nonce()).isEqualTo(nodeNonce + 5);
        // The same key as a bare key pair signs the very same bytes (RFC 6979 signatures are deterministic).
        assertThat(f.signer.sign(f.treasury, call, nodeNonce + 5, fees)).isEqualTo(ahead);
        assertThat(f.signer.sign(f.treasury, call, nodeNonce + 6, fees)).isNotEqualTo(ahead);
    }

    @Test
    void resendingTheSameBytesPaysOnceWhetherPendingOrMined() {
        f.fundTreasury(ChainFixture.TOKEN);
        EvmAddress member = ChainFixture.freshAddress(3);
        SignedTransaction signed = f.signPayout(oneMemberBatch(member, 777));
        ReceiptWatcher watcher = new ReceiptWatcher(f.client);

        f.chain.setAutomine(false);
        assertThat(f.broadcaster.broadcast(signed).kind()).isEqualTo(BroadcastOutcome.Kind.SENT);
        // Crash after broadcasting, restart, re-send: the node still holds it in its pool.
        BroadcastOutcome whilePending = f.broadcaster.broadcast(SignedTransaction.fromRaw(signed.raw()));
        assertThat(whilePending.kind()).isEqualTo(BroadcastOutcome.Kind.ALREADY_KNOWN);
        assertThat(watcher.check(signed.hash()).status()).isEqualTo(ReceiptState.Status.PENDING);

        f.chain.mine(1);
        f.chain.setAutomine(true);
        // Crash before the receipt was recorded, re-send after it was mined: "nonce too low", found by hash.
        BroadcastOutcome afterMining = f.broadcaster.broadcast(signed);
        assertThat(afterMining.kind()).isEqualTo(BroadcastOutcome.Kind.ALREADY_KNOWN);
        assertThat(afterMining.nodeMessage()).containsIgnoringCase("nonce");

        ReceiptState state = watcher.check(signed.hash());
        assertThat(state.status()).isEqualTo(ReceiptState.Status.CONFIRMED);
        assertThat(state.gasCostWei()).isPositive();
        assertThat(f.balance(member)).isEqualTo(BigInteger.valueOf(777));
        assertThat(f.client.paidBatches(
                        f.contracts.payoutBatcher(), java.util.Optional.empty(), 0, f.client.latestBlockNumber()))
                .hasSize(1);
    }

    @Test
    void aDifferentTransactionWithAUsedNonceIsReportedAsNonceTaken() {
        f.fundTreasury(ChainFixture.TOKEN);
        SignedTransaction first = f.signPayout(oneMemberBatch(ChainFixture.freshAddress(4), 1));
        assertThat(f.broadcaster.broadcast(first).inNodeHands()).isTrue();
        new AdminSender(f.client).awaitReceipt(first.hash());

        ContractCall other =
                f.payouts.payBatchCall(oneMemberBatch(ChainFixture.freshAddress(5), 1), BigInteger.valueOf(200_000));
        SignedTransaction conflicting = f.signer.sign(f.treasury, other, first.nonce(), f.client.suggestFees());
        BroadcastOutcome outcome = f.broadcaster.broadcast(conflicting);

        assertThat(outcome.kind()).isEqualTo(BroadcastOutcome.Kind.NONCE_TAKEN);
        assertThat(outcome.inNodeHands()).isFalse();
        assertThat(new ReceiptWatcher(f.client).check(conflicting.hash()).status())
                .isEqualTo(ReceiptState.Status.UNKNOWN);
    }

    @Test
    void aWalletWithoutGasMoneyIsRejectedAndNothingMoves() {
        // A valid key whose address never received any ether.
        SigningKey empty = SigningKey.ofHex("0x" + "11".repeat(32));
        EvmAddress member = ChainFixture.freshAddress(6);
        ContractCall call = f.payouts.payBatchCall(oneMemberBatch(member, 1), BigInteger.valueOf(200_000));
        SignedTransaction signed = f.signer.sign(empty, call, 0, f.client.suggestFees());

        BroadcastOutcome outcome = f.broadcaster.broadcast(signed);

        assertThat(outcome.kind()).isEqualTo(BroadcastOutcome.Kind.REJECTED);
        assertThat(outcome.nodeMessage()).isNotBlank();
        assertThat(f.balance(member)).isZero();
    }
}
