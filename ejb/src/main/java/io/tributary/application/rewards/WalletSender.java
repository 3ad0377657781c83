package io.tributary.application.rewards;

import io.tributary.application.Settings;
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
import io.tributary.persistence.rewards.custody.ChainTransaction;
import io.tributary.persistence.rewards.custody.ChainTransactionAttempt;
import io.tributary.persistence.rewards.custody.CustodialWallet;
import io.tributary.persistence.rewards.custody.ReconciliationAlert;
import io.tributary.persistence.rewards.custody.TransactionPurpose;
import io.tributary.persistence.rewards.custody.TransactionStatus;
import io.tributary.persistence.rewards.custody.WalletRepository;
import io.tributary.persistence.rewards.payout.PayoutRepository;
import io.tributary.persistence.rewards.payout.PayoutRun;
import io.tributary.persistence.rewards.payout.PayoutRunBatch;
import io.tributary.persistence.rewards.payout.PayoutStatus;
import io.tributary.persistence.rewards.settlement.Settlement;
import io.tributary.persistence.rewards.settlement.SettlementRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    /** At most this many fee bumps per nonce; then the transaction waits for the chain or a person. */
    private static final int MAX_FEE_BUMPS = 10;

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

    @Inject
    SettlementRepository settlements;

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

    /**
     * Reads what signing needs from the chain first, then locks the wallet's row only to take the nonce and store the
     * signed bytes: no row lock is held while the node answers.
     */
    private void sign(ChainTransaction transaction) {
        CustodialWallet wallet = wallets.find(transaction.getWalletId()).orElseThrow();
        if (wallet.isFrozen()) {
            transaction.retryLater("Waiting: the wallet is frozen by reconciliation.", Instant.now());
            return;
        }
        ChainClient client = chain.client();
        EvmAddress from = EvmAddress.of(wallet.getAddress());
        PayoutRunBatch batch = null;
        ContractCall call;
        if (transaction.getPurpose() == TransactionPurpose.PAYOUT_BATCH) {
            batch = payouts.batchOf(transaction.getId()).orElseThrow();
            if (PayoutService.revokedAddress(
                    payouts.linesOfBatch(batch.getId()), wallets.currentAddresses(transaction.getTenantId()))) {
                cancel(
                        transaction,
                        batch,
                        "A member removed or replaced the withdrawal address this batch would pay after the payout"
                                + " was requested; nothing was sent, the members' balances are restored. Run the"
                                + " payout again.");
                return;
            }
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
        } else if (transaction.getPurpose() == TransactionPurpose.SETTLEMENT) {
            Settlement settlement =
                    settlements.ofTransaction(transaction.getId()).orElseThrow();
            BigInteger needed = settlement.getAmount().add(inFlightUnmined(wallet.getId(), transaction.getId()));
            BigInteger held = client.tokenBalance(chain.token(), from, client.latestBlockNumber());
            if (held.compareTo(needed) < 0) {
                // Never a partial transfer: the settlement waits (and blocks this wallet's later transactions, which
                // would spend tokens owed to another organization) until the wallet holds enough.
                transaction.retryLater(
                        "Waiting for TRIB: the wallet holds " + Trib.format(held) + " TRIB on chain; this settlement"
                                + " and the transactions before it need " + Trib.format(needed) + " TRIB (short by "
                                + Trib.format(needed.subtract(held)) + " TRIB, " + needed.subtract(held)
                                + " base units). Deposit TRIB to " + wallet.getAddress() + ".",
                        Instant.now());
                return;
            }
            call = settlementCall(settlement);
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
        long chainNonce = wallet.getNextNonce() == null ? client.pendingNonce(from) : 0;
        CustodialWallet locked = wallets.lock(wallet.getId()).orElseThrow();
        if (locked.isFrozen()) {
            transaction.retryLater("Waiting: the wallet is frozen by reconciliation.", Instant.now());
            return;
        }
        long nonce = locked.takeNonce(chainNonce);
        SignedTransaction signed = custody.withCredentials(
                locked, locked.getTenantId(), credentials -> chain.signer().sign(credentials, call, nonce, fees));
        transaction.signed(nonce, signed.raw(), signed.hash());
        payouts.add(new ChainTransactionAttempt(
                transaction.getId(), signed.hash(), signed.raw(), fees.maxFeePerGas(), fees.maxPriorityFeePerGas()));
    }

    /**
     * A transaction still pending after the configured wait is signed again with the same nonce and fees at least
     * 12.5% higher (what nodes demand of a replacement), or the current suggestion if that is higher. The new bytes
     * are stored before they are broadcast; the earlier ones stay watched, since either may be the one mined.
     */
    private void bumpIfStuck(ChainTransaction transaction) {
        long waitSeconds = Long.parseLong(Settings.CHAIN_FEE_BUMP_AFTER.value());
        if (waitSeconds <= 0) return;
        List<ChainTransactionAttempt> attempts = payouts.attempts(transaction.getId());
        if (attempts.isEmpty() || attempts.size() > MAX_FEE_BUMPS) return;
        ChainTransactionAttempt latest = attempts.get(attempts.size() - 1);
        Instant now = Instant.now();
        if (latest.getSignedAt().plusSeconds(waitSeconds).isAfter(now)) return;
        ChainClient client = chain.client();
        GasFees suggested = client.suggestFees();
        BigInteger maxFee = suggested.maxFeePerGas().max(replacement(latest.getMaxFeePerGas()));
        BigInteger tip = suggested
                .maxPriorityFeePerGas()
                .max(replacement(latest.getPriorityFee()))
                .min(maxFee);
        GasFees fees = new GasFees(maxFee, tip);
        ContractCall call = callOf(transaction);
        CustodialWallet wallet = wallets.find(transaction.getWalletId()).orElseThrow();
        BigInteger gas = client.nativeBalance(EvmAddress.of(wallet.getAddress()), client.latestBlockNumber());
        if (gas.compareTo(call.gasLimit().multiply(maxFee)) < 0) {
            transaction.retryLater(
                    "Stuck in the mempool, and the wallet lacks the gas to raise the fee: send ETH to "
                            + wallet.getAddress() + ".",
                    now);
            return;
        }
        long nonce = transaction.getNonce();
        SignedTransaction signed = custody.withCredentials(
                wallet, wallet.getTenantId(), credentials -> chain.signer().sign(credentials, call, nonce, fees));
        payouts.add(new ChainTransactionAttempt(transaction.getId(), signed.hash(), signed.raw(), maxFee, tip));
        transaction.bumped(signed.raw(), signed.hash());
    }

    /** The smallest fee a node accepts for a replacement of the same nonce: 12.5% more, rounded up. */
    static BigInteger replacement(BigInteger fee) {
        return fee.add(fee.add(BigInteger.valueOf(7)).shiftRight(3)).add(BigInteger.ONE);
    }

    private ContractCall callOf(ChainTransaction transaction) {
        if (transaction.getPurpose() == TransactionPurpose.PAYOUT_BATCH) {
            PayoutRunBatch batch = payouts.batchOf(transaction.getId()).orElseThrow();
            return chain.payouts().payBatchCall(onChain(batch), gasLimit(batch.getRecipients()));
        }
        if (transaction.getPurpose() == TransactionPurpose.SETTLEMENT) {
            return settlementCall(settlements.ofTransaction(transaction.getId()).orElseThrow());
        }
        return chain.payouts().approveBatcherCall();
    }

    private ContractCall settlementCall(Settlement settlement) {
        return chain.payouts().transferCall(EvmAddress.of(settlement.getCreditorAddress()), settlement.getAmount());
    }

    /**
     * If one of the nonce's other attempts is in a block, it becomes the transaction (its bytes and hash), and its
     * state is returned; empty when none is.
     */
    private Optional<ReceiptState> minedOtherAttempt(ChainTransaction transaction) {
        for (ChainTransactionAttempt attempt : payouts.attempts(transaction.getId())) {
            if (attempt.getTxHash().equalsIgnoreCase(transaction.getTxHash())) continue;
            ReceiptState state = chain.watcher().check(attempt.getTxHash(), null);
            if (state.inclusion() != null) {
                transaction.adopt(attempt.getRaw(), attempt.getTxHash());
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    private void broadcast(ChainTransaction transaction) {
        BroadcastOutcome outcome = chain.broadcaster().broadcast(SignedTransaction.fromRaw(transaction.getRaw()));
        if (transaction.getPurpose() == TransactionPurpose.PAYOUT_BATCH) {
            CrashPoint.AFTER_BROADCAST.pauseIfArmed();
        }
        switch (outcome.kind()) {
            case SENT, ALREADY_KNOWN -> transaction.broadcast();
            case NONCE_TAKEN -> {
                // An earlier attempt of this nonce (before a fee bump) may be the one mined: then that is ours.
                if (minedOtherAttempt(transaction).isPresent()) {
                    transaction.broadcast();
                    return;
                }
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
        if (state.inclusion() == null) {
            Optional<ReceiptState> other = minedOtherAttempt(transaction);
            if (other.isPresent()) state = other.get();
        }
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
            case PENDING -> bumpIfStuck(transaction);
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
        if (transaction.getPurpose() == TransactionPurpose.SETTLEMENT) {
            // The ledger already moved this value between the organizations; only the tokens followed now.
            settlements.ofTransaction(transaction.getId()).orElseThrow().finished(state.succeeded());
            return;
        }
        if (transaction.getPurpose() != TransactionPurpose.PAYOUT_BATCH) return;
        PayoutRunBatch batch = payouts.batchOf(transaction.getId()).orElseThrow();
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

    private void cancel(ChainTransaction transaction, PayoutRunBatch batch, String reason) {
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
        List<PayoutRunBatch> batches = payouts.batches(runId);
        int confirmed = 0;
        int failed = 0;
        StringBuilder reasons = new StringBuilder();
        for (PayoutRunBatch batch : batches) {
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

    /** Tokens of this wallet's earlier batches and settlements that are signed or broadcast but not yet in a block. */
    private BigInteger inFlightUnmined(UUID walletId, UUID except) {
        BigInteger sum = BigInteger.ZERO;
        for (ChainTransaction open : payouts.openTransactions(walletId)) {
            if (open.getId().equals(except)
                    || (open.getStatus() != TransactionStatus.SIGNED
                            && open.getStatus() != TransactionStatus.BROADCAST)) {
                continue;
            }
            if (open.getPurpose() == TransactionPurpose.PAYOUT_BATCH) {
                sum = sum.add(payouts.batchOf(open.getId()).orElseThrow().getTotal());
            } else if (open.getPurpose() == TransactionPurpose.SETTLEMENT) {
                sum = sum.add(
                        settlements.ofTransaction(open.getId()).orElseThrow().getAmount());
            }
        }
        return sum;
    }

    private io.tributary.chain.PayoutBatch onChain(PayoutRunBatch batch) {
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
