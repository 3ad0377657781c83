package io.tributary.application.rewards;

import io.tributary.chain.ChainClient;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.Inclusion;
import io.tributary.chain.PaidBatch;
import io.tributary.chain.ReceiptState;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.wallet.ChainTransaction;
import io.tributary.persistence.wallet.CustodialWallet;
import io.tributary.persistence.wallet.PayoutBatch;
import io.tributary.persistence.wallet.PayoutRepository;
import io.tributary.persistence.wallet.ReconciliationAlert;
import io.tributary.persistence.wallet.TransactionPurpose;
import io.tributary.persistence.wallet.TransactionStatus;
import io.tributary.persistence.wallet.WalletRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Compares a wallet's ledger with the chain at the confirmed block: the token balance against what the tenant and its
 * members hold in the ledger, and every BatchPaid event against a batch row and back. Any difference freezes the
 * wallet's payouts and raises an alert for platform staff.
 */
@Stateless
public class Reconciliation {

    @Inject
    WalletRepository wallets;

    @Inject
    PayoutRepository payouts;

    @Inject
    SettlementChain chain;

    @Inject
    Ledger ledger;

    /** The findings (empty when ledger and chain agree); run after the wallet's deposits are scanned. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> reconcile(UUID walletId) {
        CustodialWallet wallet = wallets.lock(walletId).orElseThrow();
        ChainClient client = chain.client();
        // Deposits are credited up to depositsScannedTo: compare there, not further.
        long block = Math.min(client.confirmedBlockNumber(), wallet.getDepositsScannedTo());
        EvmAddress address = EvmAddress.of(wallet.getAddress());
        List<String> findings = new ArrayList<>();

        BigInteger onChain = client.tokenBalance(chain.token(), address, block);
        BigInteger expected = ledger.holdings(wallet.getTenantId(), Trib.CURRENCY)
                .subtract(wallets.depositedAfter(walletId, block))
                .add(payouts.bookedAfter(walletId, block))
                .subtract(minedNotBooked(walletId, block));
        if (!onChain.equals(expected)) {
            findings.add("At block " + block + " the wallet holds " + Trib.format(onChain) + " TRIB (" + onChain
                    + " base units) on chain but the ledger accounts for " + Trib.format(expected) + " TRIB ("
                    + expected + ").");
        }

        long from = wallet.getReconciledBlock() != null && Boolean.TRUE.equals(wallet.getReconciledOk())
                ? wallet.getReconciledBlock() + 1
                : chain.startBlock();
        Map<String, PaidBatch> events = new HashMap<>();
        if (from <= block) {
            for (PaidBatch paid : client.paidBatches(chain.batcher(), Optional.of(address), from, block)) {
                events.put(paid.batchId().hex(), paid);
            }
        }
        Map<String, Object[]> rows = new HashMap<>();
        for (Object[] row : payouts.batchesWithTransactions(walletId)) {
            rows.put(((PayoutBatch) row[0]).getBatchKey(), row);
        }
        for (PaidBatch paid : events.values()) {
            Object[] row = rows.get(paid.batchId().hex());
            if (row == null) {
                findings.add("Batch " + paid.batchId().hex() + " was paid on chain in " + paid.transactionHash()
                        + " but Tributary never made it.");
                continue;
            }
            PayoutBatch batch = (PayoutBatch) row[0];
            ChainTransaction tx = (ChainTransaction) row[1];
            if (!paid.transactionHash().equalsIgnoreCase(tx.getTxHash())
                    || !paid.total().equals(batch.getTotal())
                    || paid.count() != batch.getRecipients()) {
                findings.add("Batch " + batch.getBatchKey() + " was paid on chain in " + paid.transactionHash() + " ("
                        + paid.count() + " recipients, " + Trib.format(paid.total()) + " TRIB) but its row says "
                        + tx.getTxHash() + " (" + batch.getRecipients() + ", " + Trib.format(batch.getTotal()) + ").");
            }
        }
        for (Object[] row : rows.values()) {
            PayoutBatch batch = (PayoutBatch) row[0];
            ChainTransaction tx = (ChainTransaction) row[1];
            if (tx.getStatus() == TransactionStatus.CONFIRMED
                    && tx.getBlockNumber() >= from
                    && tx.getBlockNumber() <= block
                    && !events.containsKey(batch.getBatchKey())) {
                findings.add("Batch " + batch.getBatchKey() + " is booked as paid in " + tx.getTxHash()
                        + " but the chain has no BatchPaid event for it.");
            }
        }

        Instant now = Instant.now();
        if (findings.isEmpty()) {
            wallet.reconciled(now, block, true);
        } else {
            boolean alreadyAlerted = wallet.isFrozen();
            wallet.reconciled(now, block, false);
            wallet.freeze("Reconciliation found a difference at block " + block + "; see the admin console.", now);
            if (!alreadyAlerted) {
                wallets.add(
                        new ReconciliationAlert(wallet.getTenantId(), walletId, block, String.join("\n", findings)));
            }
        }
        return findings;
    }

    /**
     * Batches mined at or below the block but not yet booked by the sender. Asked of the chain rather than read from
     * the rows, because a transaction can be mined after the sender last looked.
     */
    private BigInteger minedNotBooked(UUID walletId, long block) {
        BigInteger sum = BigInteger.ZERO;
        for (ChainTransaction open : payouts.openTransactions(walletId)) {
            if (open.getPurpose() != TransactionPurpose.PAYOUT_BATCH || open.getTxHash() == null) continue;
            Inclusion seen =
                    open.getBlockNumber() == null ? null : new Inclusion(open.getBlockNumber(), open.getBlockHash());
            ReceiptState state = chain.watcher().check(open.getTxHash(), seen);
            if (state.inclusion() != null && state.inclusion().blockNumber() <= block && state.succeeded()) {
                sum = sum.add(payouts.batchOf(open.getId()).orElseThrow().getTotal());
            }
        }
        return sum;
    }
}
