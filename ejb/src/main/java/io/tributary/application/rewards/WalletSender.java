package io.tributary.application.rewards;

import io.tributary.application.rewards.custody.Custody;
import io.tributary.chain.BroadcastOutcome;
import io.tributary.chain.Bytes32;
import io.tributary.chain.ChainClient;
import io.tributary.chain.ChainRequestException;
import io.tributary.chain.ChainUnavailableException;
import io.tributary.chain.ContractCall;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.GasFees;
import io.tributary.chain.Inclusion;
import io.tributary.chain.Payout;
import io.tributary.chain.ReceiptState;
import io.tributary.chain.SignedTransaction;
import io.tributary.persistence.rewards.AccountKind;
import io.tributary.persistence.rewards.CauseType;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.LedgerAccount;
import io.tributary.persistence.rewards.Leg;
import io.tributary.persistence.rewards.TransferRequest;
import io.tributary.persistence.wallet.ChainTransaction;
import io.tributary.persistence.wallet.CustodialWallet;
import io.tributary.persistence.wallet.PayoutBatch;
import io.tributary.persistence.wallet.PayoutRepository;
import io.tributary.persistence.wallet.PayoutRun;
import io.tributary.persistence.wallet.PayoutStatus;
import io.tributary.persistence.wallet.ReconciliationAlert;
import io.tributary.persistence.wallet.TransactionPurpose;
import io.tributary.persistence.wallet.TransactionStatus;
import io.tributary.persistence.wallet.WalletRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The one sender of a custodial wallet: moves each outbox transaction one step (sign, broadcast, watch) per call, in
 * its own database transaction, so a crash between any two steps leaves a state the next call continues from.
 *
 * <p>Nonces come from the wallet row, never from the node. Bytes and hash are committed before the first broadcast
 * and every retry re-sends exactly those bytes, which the node either already has or accepts once: a member cannot be
 * paid twice. The PayoutBatcher refusing a reused batch id is the second line of defence.
 */
@Stateless
public class WalletSender {

    /** Gas for a batch: the contract's measured ~27k per recipient, with headroom, on top of the call's base cost. */
    static BigInteger gasLimit(int recipients) {
        return BigInteger.valueOf(60_000L + 36_000L * recipients);
    }

    @Inject
    WalletRepository wallets;

    @Inject
    PayoutRepository payouts;

    @Inject
    SettlementChain chain;

    @Inject
    Custody custody;

    @Inject
    Ledger ledger;

    /** An unfinished transaction of a wallet, as the chain worker needs it between steps. */
    public record Outgoing(UUID id, TransactionStatus status, boolean payout) {}

    /** The wallet's unfinished transactions in sending order, up to the first that waits to be retried later. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Outgoing> openTransactions(UUID walletId) {
        Instant now = Instant.now();
        return payouts.openTransactions(walletId).stream()
                .takeWhile(t -> !t.getNextAttemptAt().isAfter(now))
                .map(t -> new Outgoing(t.getId(), t.getStatus(), t.getPurpose() == TransactionPurpose.PAYOUT_BATCH))
                .toList();
    }

    /**
     * Moves the transaction one step and returns its status afterwards; a step that cannot be taken now (node down,
     * no gas, frozen wallet) records why and when to try again, and leaves the status as it was.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public TransactionStatus step(UUID transactionId) {
        ChainTransaction transaction = payouts.transaction(transactionId).orElseThrow();
        try {
            switch (transaction.getStatus()) {
                case QUEUED -> sign(transaction);
                case SIGNED -> broadcast(transaction);
                case BROADCAST, MINED -> watch(transaction);
                default -> {}
            }
        } catch (ChainUnavailableException e) {
            transaction.retryLater("The chain node is unreachable; retrying with back-off.", Instant.now());
        } catch (ChainRequestException e) {
            transaction.retryLater("The chain node refused a request: " + e.getMessage(), Instant.now());
        }
        return transaction.getStatus();
    }

    private void sign(ChainTransaction transaction) {
        CustodialWallet wallet = wallets.lock(transaction.getWalletId()).orElseThrow();
        if (wallet.isFrozen()) {
            transaction.retryLater("Waiting: the wallet is frozen by reconciliation.", Instant.now());
            return;
        }
        ChainClient client = chain.client();
        EvmAddress from = EvmAddress.of(wallet.getAddress());
        PayoutBatch batch = null;
        ContractCall call;
        if (transaction.getPurpose() == TransactionPurpose.PAYOUT_BATCH) {
            batch = payouts.batchOf(transaction.getId()).orElseThrow();
            BigInteger needed = batch.getTotal().add(inFlightUnmined(wallet.getId(), transaction.getId()));
            BigInteger held = client.tokenBalance(chain.token(), from, client.latestBlockNumber());
            if (held.compareTo(needed) < 0) {
                cancel(
                        transaction,
                        batch,
                        "Not enough TRIB in the wallet: it holds " + Trib.format(held)
                                + " on chain, this batch and those before it need " + Trib.format(needed)
                                + ". The members' balances are restored; deposit TRIB and run the payout again.");
                return;
            }
            call = chain.payouts().payBatchCall(onChain(batch), gasLimit(batch.getRecipients()));
        } else {
            call = chain.payouts().approveBatcherCall();
        }
        GasFees fees = client.suggestFees();
        BigInteger maxCost = call.gasLimit().multiply(fees.maxFeePerGas());
        BigInteger gas = client.nativeBalance(from, client.latestBlockNumber());
        if (gas.compareTo(maxCost) < 0) {
            transaction.retryLater(
                    "Waiting for gas: the wallet holds " + Trib.formatEther(gas) + " ETH and this transaction may"
                            + " cost up to " + Trib.formatEther(maxCost) + " ETH. Send ETH to " + wallet.getAddress()
                            + ".",
                    Instant.now());
            return;
        }
        long nonce = wallet.takeNonce(wallet.getNextNonce() == null ? client.pendingNonce(from) : 0);
        SignedTransaction signed = custody.withCredentials(
                wallet, wallet.getTenantId(), credentials -> chain.signer().sign(credentials, call, nonce, fees));
        transaction.signed(nonce, signed.raw(), signed.hash());
    }

    private void broadcast(ChainTransaction transaction) {
        BroadcastOutcome outcome = chain.broadcaster().broadcast(SignedTransaction.fromRaw(transaction.getRaw()));
        if (transaction.getPurpose() == TransactionPurpose.PAYOUT_BATCH) {
            CrashPoint.AFTER_BROADCAST.pauseIfArmed();
        }
        switch (outcome.kind()) {
            case SENT, ALREADY_KNOWN -> transaction.broadcast();
            case NONCE_TAKEN -> {
                // Only this sender signs for the wallet: a taken nonce means the key was used elsewhere.
                String reason = "Nonce " + transaction.getNonce() + " was used by another transaction: the wallet's"
                        + " key signed outside Tributary. Payouts are frozen for investigation.";
                CustodialWallet wallet = wallets.lock(transaction.getWalletId()).orElseThrow();
                wallet.freeze(reason, Instant.now());
                wallets.add(new ReconciliationAlert(
                        wallet.getTenantId(), wallet.getId(), chain.client().latestBlockNumber(), reason));
                transaction.retryLater(reason, Instant.now());
            }
            default ->
                transaction.retryLater("The node refused the transaction: " + outcome.nodeMessage(), Instant.now());
        }
    }

    private void watch(ChainTransaction transaction) {
        Inclusion seen = transaction.getStatus() == TransactionStatus.MINED
                ? new Inclusion(transaction.getBlockNumber(), transaction.getBlockHash())
                : null;
        ReceiptState state = chain.watcher().check(transaction.getTxHash(), seen);
        switch (state.status()) {
            case UNKNOWN, REORGED -> {
                // Dropped, or its block was re-organised away: the same bytes go out again.
                BroadcastOutcome outcome =
                        chain.broadcaster().broadcast(SignedTransaction.fromRaw(transaction.getRaw()));
                if (outcome.inNodeHands()) {
                    transaction.broadcast();
                } else {
                    transaction.retryLater("Re-sending refused: " + outcome.nodeMessage(), Instant.now());
                }
            }
            case PENDING -> {}
            case MINED -> {
                if (!new Inclusion(
                                state.inclusion().blockNumber(),
                                state.inclusion().blockHash())
                        .equals(seen)) {
                    transaction.mined(
                            state.inclusion().blockNumber(), state.inclusion().blockHash());
                }
            }
            case CONFIRMED, FAILED -> finish(transaction, state);
        }
    }

    private void finish(ChainTransaction transaction, ReceiptState state) {
        transaction.finished(
                state.succeeded(),
                state.inclusion().blockNumber(),
                state.inclusion().blockHash(),
                state.gasUsed(),
                state.gasCostWei());
        bookGas(transaction);
        if (transaction.getPurpose() != TransactionPurpose.PAYOUT_BATCH) return;
        PayoutBatch batch = payouts.batchOf(transaction.getId()).orElseThrow();
        if (state.succeeded()) {
            ledger.post(batch.getTransferId());
            LedgerAccount inFlight =
                    ledger.open(batch.getTenantId(), null, AccountKind.PAYOUTS_IN_FLIGHT, Trib.CURRENCY);
            LedgerAccount world = ledger.open(null, null, AccountKind.EXTERNAL, Trib.CURRENCY);
            ledger.transfer(TransferRequest.posted(
                    derivedId("payout-settled", batch.getBatchKey()),
                    CauseType.PAYOUT,
                    "payout-batch:" + batch.getId(),
                    "Paid on chain in " + transaction.getTxHash(),
                    List.of(
                            new Leg(inFlight.getId(), batch.getTotal().negate()),
                            new Leg(world.getId(), batch.getTotal()))));
        } else {
            ledger.voidTransfer(batch.getTransferId());
        }
        settleRunIfDone(batch.getRunId());
    }

    private void cancel(ChainTransaction transaction, PayoutBatch batch, String reason) {
        transaction.cancel(reason);
        ledger.voidTransfer(batch.getTransferId());
        settleRunIfDone(batch.getRunId());
    }

    /** Gas is spent whether the transaction succeeded or reverted; the tenant's GAS account counts it in wei. */
    private void bookGas(ChainTransaction transaction) {
        BigInteger cost = transaction.getGasCostWei();
        if (cost == null || cost.signum() == 0) return;
        LedgerAccount gas = ledger.open(transaction.getTenantId(), null, AccountKind.GAS, "ETH");
        LedgerAccount world = ledger.open(null, null, AccountKind.EXTERNAL, "ETH");
        ledger.transfer(TransferRequest.posted(
                derivedId("gas", transaction.getTxHash()),
                CauseType.GAS,
                "tx:" + transaction.getTxHash(),
                transaction.getPurpose() + " gas",
                List.of(new Leg(world.getId(), cost.negate()), new Leg(gas.getId(), cost))));
    }

    private void settleRunIfDone(UUID runId) {
        List<PayoutBatch> batches = payouts.batches(runId);
        int confirmed = 0;
        int failed = 0;
        StringBuilder reasons = new StringBuilder();
        for (PayoutBatch batch : batches) {
            ChainTransaction tx = payouts.transaction(batch.getTransactionId()).orElseThrow();
            switch (tx.getStatus()) {
                case CONFIRMED -> confirmed++;
                case FAILED, CANCELLED -> {
                    failed++;
                    reasons.append("Batch ")
                            .append(batch.getSequence() + 1)
                            .append(": ")
                            .append(tx.getLastError());
                }
                default -> {
                    return;
                }
            }
        }
        PayoutRun run = payouts.run(runId).orElseThrow();
        PayoutStatus outcome =
                failed == 0 ? PayoutStatus.COMPLETED : confirmed == 0 ? PayoutStatus.FAILED : PayoutStatus.PARTIAL;
        run.settle(outcome, failed == 0 ? run.getNote() : reasons.toString(), Instant.now());
    }

    /** Tokens of this wallet's earlier batches that are signed or broadcast but not yet in a block. */
    private BigInteger inFlightUnmined(UUID walletId, UUID except) {
        BigInteger sum = BigInteger.ZERO;
        for (ChainTransaction open : payouts.openTransactions(walletId)) {
            if (!open.getId().equals(except)
                    && open.getPurpose() == TransactionPurpose.PAYOUT_BATCH
                    && (open.getStatus() == TransactionStatus.SIGNED
                            || open.getStatus() == TransactionStatus.BROADCAST)) {
                sum = sum.add(payouts.batchOf(open.getId()).orElseThrow().getTotal());
            }
        }
        return sum;
    }

    private io.tributary.chain.PayoutBatch onChain(PayoutBatch batch) {
        return new io.tributary.chain.PayoutBatch(
                Bytes32.of(batch.getBatchKey()),
                payouts.linesOfBatch(batch.getId()).stream()
                        .map(line -> new Payout(EvmAddress.of(line.getAddress()), line.getAmount()))
                        .toList());
    }

    /** Ledger transfer ids derived from the chain event they book, so a repeated booking is a no-op. */
    static UUID derivedId(String kind, String key) {
        return UUID.nameUUIDFromBytes((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
    }
}
