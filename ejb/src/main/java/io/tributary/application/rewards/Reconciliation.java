package io.tributary.application.rewards;

import io.tributary.chain.ChainClient;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.Inclusion;
import io.tributary.chain.PaidBatch;
import io.tributary.chain.ReceiptState;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.custody.ChainTransaction;
import io.tributary.persistence.rewards.custody.CustodialWallet;
import io.tributary.persistence.rewards.custody.ReconciliationAlert;
import io.tributary.persistence.rewards.custody.TransactionPurpose;
import io.tributary.persistence.rewards.custody.WalletRepository;
import io.tributary.persistence.rewards.payout.BatchTransaction;
import io.tributary.persistence.rewards.payout.PayoutRepository;
import io.tributary.persistence.rewards.payout.PayoutRunBatch;
import io.tributary.persistence.rewards.settlement.SettlementRepository;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    @Inject
    SettlementRepository settlements;

    @Resource
    SessionContext context;

    /** What the chain showed, read before the wallet's row is locked to compare and record. */
    record ChainView(long block, long from, BigInteger onChain, List<PaidBatch> events, BigInteger minedNotBooked) {}

    /**
     * The findings (empty when ledger and chain agree); run after the wallet's deposits are scanned. The chain is read
     * first, outside any transaction; BatchPaid events only from the block after the last one compared.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<String> reconcile(UUID walletId) {
        CustodialWallet wallet = wallets.find(walletId).orElseThrow();
        ChainClient client = chain.client();
        // Deposits are credited up to depositsScannedTo: compare there, not further.
        long block = Math.min(client.confirmedBlockNumber(), wallet.getDepositsScannedTo());
        EvmAddress address = EvmAddress.of(wallet.getAddress());
        BigInteger onChain = client.tokenBalance(chain.token(), address, block);
        long from = wallet.getEventsScannedTo() == null ? chain.startBlock() : wallet.getEventsScannedTo() + 1;
        List<PaidBatch> events =
                from <= block ? client.paidBatches(chain.batcher(), Optional.of(address), from, block) : List.of();
        BigInteger minedNotBooked = minedNotBooked(walletId, block);
        return context.getBusinessObject(Reconciliation.class)
                .record(walletId, new ChainView(block, from, onChain, events, minedNotBooked));
    }

    /** Compares what the chain showed with the ledger and the batch rows, under the wallet's lock, and records it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> record(UUID walletId, ChainView view) {
        CustodialWallet wallet = wallets.lock(walletId).orElseThrow();
        long block = view.block();
        long from = view.from();
        List<String> findings = new ArrayList<>();
        // Inference charges, fee splits and dispute corrections move value between organizations (and the platform)
        // in the ledger only: the tokens follow by settlement transfers. What those moved by the block is back in the
        // figure; what is not settled yet (or owed to the platform, which has no wallet) stays out of it.
        BigInteger expected = ledger.holdings(wallet.getTenantId(), Trib.CURRENCY)
                .subtract(ledger.crossOrganizationNet(wallet.getTenantId(), Trib.CURRENCY))
                .add(settlements.receivedThrough(walletId, block))
                .subtract(settlements.sentThrough(walletId, block))
                .subtract(wallets.depositedAfter(walletId, block))
                .add(payouts.bookedAfter(walletId, block))
                .subtract(view.minedNotBooked());
        if (!view.onChain().equals(expected)) {
            findings.add("At block " + block + " the wallet holds " + Trib.format(view.onChain()) + " TRIB ("
                    + view.onChain() + " base units) on chain but the ledger accounts for " + Trib.format(expected)
                    + " TRIB (" + expected + ").");
        }

        Map<String, PaidBatch> events = new HashMap<>();
        for (PaidBatch paid : view.events()) {
            events.put(paid.batchId().hex(), paid);
        }
        Map<String, BatchTransaction> rows = new HashMap<>();
        for (BatchTransaction row : payouts.batchesWithTransactions(events.keySet())) {
            rows.put(row.batch().getBatchKey(), row);
        }
        for (PaidBatch paid : events.values()) {
            BatchTransaction row = rows.get(paid.batchId().hex());
            if (row == null) {
                findings.add("Batch " + paid.batchId().hex() + " was paid on chain in " + paid.transactionHash()
                        + " but Tributary never made it.");
                continue;
            }
            PayoutRunBatch batch = row.batch();
            ChainTransaction tx = row.transaction();
            if (!hashes(tx).contains(paid.transactionHash().toLowerCase(Locale.ROOT))
                    || !paid.total().equals(batch.getTotal())
                    || paid.count() != batch.getRecipients()) {
                findings.add("Batch " + batch.getBatchKey() + " was paid on chain in " + paid.transactionHash() + " ("
                        + paid.count() + " recipients, " + Trib.format(paid.total()) + " TRIB) but its row says "
                        + tx.getTxHash() + " (" + batch.getRecipients() + ", " + Trib.format(batch.getTotal()) + ").");
            }
        }
        if (from <= block) {
            for (BatchTransaction row : payouts.confirmedBatchesBetween(walletId, from, block)) {
                PayoutRunBatch batch = row.batch();
                ChainTransaction tx = row.transaction();
                if (!events.containsKey(batch.getBatchKey())) {
                    findings.add("Batch " + batch.getBatchKey() + " is booked as paid in " + tx.getTxHash()
                            + " but the chain has no BatchPaid event for it.");
                }
            }
        }

        Instant now = Instant.now();
        wallet.eventsScannedTo(Math.max(block, from - 1));
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

    /** The hashes a transaction was signed as (every fee bump of its nonce), lower-case. */
    private Set<String> hashes(ChainTransaction tx) {
        Set<String> hashes = new HashSet<>();
        if (tx.getTxHash() != null) hashes.add(tx.getTxHash().toLowerCase(Locale.ROOT));
        payouts.attempts(tx.getId()).forEach(a -> hashes.add(a.getTxHash().toLowerCase(Locale.ROOT)));
        return hashes;
    }

    /**
     * Batches and settlements sent from the wallet, mined at or below the block but not yet booked by the sender,
     * whichever of a nonce's attempts was mined. Asked of the chain rather than read from the rows, because a
     * transaction can be mined after the sender last looked.
     */
    private BigInteger minedNotBooked(UUID walletId, long block) {
        BigInteger sum = BigInteger.ZERO;
        for (ChainTransaction open : payouts.openTransactions(walletId)) {
            if (open.getTxHash() == null) continue;
            if (open.getPurpose() == TransactionPurpose.SETTLEMENT) {
                if (minedSuccessfullyBy(open, block)) {
                    sum = sum.add(settlements
                            .ofTransaction(open.getId())
                            .orElseThrow()
                            .getAmount());
                }
                continue;
            }
            if (open.getPurpose() == TransactionPurpose.PAYOUT_BATCH && minedSuccessfullyBy(open, block)) {
                sum = sum.add(payouts.batchOf(open.getId()).orElseThrow().getTotal());
            }
        }
        return sum;
    }

    private boolean minedSuccessfullyBy(ChainTransaction open, long block) {
        for (String hash : hashes(open)) {
            Inclusion seen = hash.equalsIgnoreCase(open.getTxHash()) && open.getBlockNumber() != null
                    ? new Inclusion(open.getBlockNumber(), open.getBlockHash())
                    : null;
            ReceiptState state = chain.watcher().check(hash, seen);
            if (state.inclusion() != null && state.inclusion().blockNumber() <= block && state.succeeded()) {
                return true;
            }
        }
        return false;
    }
}
