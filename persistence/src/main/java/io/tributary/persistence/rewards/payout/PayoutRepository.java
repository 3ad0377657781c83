package io.tributary.persistence.rewards.payout;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.rewards.custody.ChainTransaction;
import io.tributary.persistence.rewards.custody.ChainTransactionAttempt;
import io.tributary.persistence.rewards.custody.TransactionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Payout runs, their lines and batches, and the wallet transaction outbox. */
@ApplicationScoped
public class PayoutRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Object payoutPart) {
        em.persist(payoutPart);
    }

    /** Writes pending inserts now, so a constraint violation surfaces inside the caller's transaction. */
    public void flush() {
        em.flush();
    }

    public Optional<PayoutRun> run(UUID runId) {
        return Optional.ofNullable(em.find(PayoutRun.class, runId));
    }

    public Optional<PayoutRun> runByIdempotencyKey(UUID tenantId, String key) {
        return em.createQuery(
                        "select r from PayoutRun r where r.tenantId = :tenant and r.idempotencyKey = :key",
                        PayoutRun.class)
                .setParameter("tenant", tenantId)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    /** A tenant's runs, newest first; only those in {@code status} when it is given. */
    public Page<PayoutRun> runs(UUID tenantId, PayoutStatus status, PageRequest page) {
        String where = " from PayoutRun r where r.tenantId = :tenant" + (status == null ? "" : " and r.status = :s");
        var list = em.createQuery("select r" + where + " order by r.createdAt desc, r.id", PayoutRun.class)
                .setParameter("tenant", tenantId);
        var count = em.createQuery("select count(r)" + where, Long.class).setParameter("tenant", tenantId);
        if (status != null) {
            list.setParameter("s", status);
            count.setParameter("s", status);
        }
        return Page.of(list, count, page);
    }

    /** What left (or is leaving, or waits to leave) the tenant's wallet since {@code since}. */
    public BigInteger committedSince(UUID tenantId, Instant since) {
        return sum(em.createQuery(
                        "select coalesce(sum(r.total), 0) from PayoutRun r where r.tenantId = :tenant"
                                + " and r.createdAt >= :since and r.status not in :released",
                        BigInteger.class)
                .setParameter("tenant", tenantId)
                .setParameter("since", since)
                .setParameter("released", List.of(PayoutStatus.REJECTED, PayoutStatus.FAILED))
                .getSingleResult());
    }

    public List<PayoutLine> lines(UUID runId) {
        return em.createQuery("select l from PayoutLine l where l.runId = :run order by l.address", PayoutLine.class)
                .setParameter("run", runId)
                .getResultList();
    }

    public List<PayoutLine> linesOfBatch(UUID batchId) {
        return em.createQuery(
                        "select l from PayoutLine l where l.batchId = :batch order by l.address", PayoutLine.class)
                .setParameter("batch", batchId)
                .getResultList();
    }

    public List<PayoutRunBatch> batches(UUID runId) {
        return em.createQuery(
                        "select b from PayoutRunBatch b where b.runId = :run order by b.sequence", PayoutRunBatch.class)
                .setParameter("run", runId)
                .getResultList();
    }

    public Optional<PayoutRunBatch> batchOf(UUID transactionId) {
        return em.createQuery("select b from PayoutRunBatch b where b.transactionId = :tx", PayoutRunBatch.class)
                .setParameter("tx", transactionId)
                .getResultStream()
                .findFirst();
    }

    public Optional<ChainTransaction> transaction(UUID transactionId) {
        return Optional.ofNullable(em.find(ChainTransaction.class, transactionId));
    }

    /** A wallet's unfinished transactions in sending order: signed ones by nonce, then queued ones as created. */
    public List<ChainTransaction> openTransactions(UUID walletId) {
        return em.createQuery(
                        "select t from ChainTransaction t where t.walletId = :wallet and t.status not in :done"
                                + " order by case when t.nonce is null then 1 else 0 end, t.nonce, t.createdAt",
                        ChainTransaction.class)
                .setParameter("wallet", walletId)
                .setParameter("done", finalStatuses())
                .getResultList();
    }

    public boolean hasOpenTransactions(UUID walletId) {
        return !em.createQuery(
                        "select 1 from ChainTransaction t where t.walletId = :wallet and t.status not in :done",
                        Integer.class)
                .setParameter("wallet", walletId)
                .setParameter("done", finalStatuses())
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    public Page<ChainTransaction> transactions(UUID walletId, PageRequest page) {
        return Page.of(
                em.createQuery(
                                "select t from ChainTransaction t where t.walletId = :wallet"
                                        + " order by t.createdAt desc, t.id",
                                ChainTransaction.class)
                        .setParameter("wallet", walletId),
                em.createQuery("select count(t) from ChainTransaction t where t.walletId = :wallet", Long.class)
                        .setParameter("wallet", walletId),
                page);
    }

    /** Batches booked as confirmed from blocks above {@code block}: gone in the ledger, still there at that block. */
    public BigInteger bookedAfter(UUID walletId, long block) {
        return sum(em.createQuery(
                        "select coalesce(sum(b.total), 0) from PayoutRunBatch b, ChainTransaction t"
                                + " where t.id = b.transactionId and t.walletId = :wallet and t.status = :confirmed"
                                + " and t.blockNumber > :block",
                        BigInteger.class)
                .setParameter("wallet", walletId)
                .setParameter("confirmed", TransactionStatus.CONFIRMED)
                .setParameter("block", block)
                .getSingleResult());
    }

    /** Every signed version of a transaction, oldest first. */
    public List<ChainTransactionAttempt> attempts(UUID transactionId) {
        return em.createQuery(
                        "select a from ChainTransactionAttempt a where a.transactionId = :tx order by a.signedAt, a.txHash",
                        ChainTransactionAttempt.class)
                .setParameter("tx", transactionId)
                .getResultList();
    }

    /** Batches with their transactions whose batch keys are among these (the ones events were found for). */
    public List<Object[]> batchesWithTransactions(java.util.Collection<String> batchKeys) {
        return batchKeys.isEmpty()
                ? List.of()
                : em.createQuery(
                                "select b, t from PayoutRunBatch b, ChainTransaction t where t.id = b.transactionId"
                                        + " and b.batchKey in :keys",
                                Object[].class)
                        .setParameter("keys", batchKeys)
                        .getResultList();
    }

    /** The wallet's batches booked as paid in blocks {@code from} to {@code to}. */
    public List<Object[]> confirmedBatchesBetween(UUID walletId, long from, long to) {
        return em.createQuery(
                        "select b, t from PayoutRunBatch b, ChainTransaction t where t.id = b.transactionId"
                                + " and t.walletId = :wallet and t.status = :confirmed and t.blockNumber between"
                                + " :from and :to",
                        Object[].class)
                .setParameter("wallet", walletId)
                .setParameter("confirmed", TransactionStatus.CONFIRMED)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
    }

    private static List<TransactionStatus> finalStatuses() {
        return List.of(TransactionStatus.CONFIRMED, TransactionStatus.FAILED, TransactionStatus.CANCELLED);
    }

    private static BigInteger sum(Object value) {
        return value instanceof BigInteger b ? b : new BigInteger(String.valueOf(value));
    }
}
