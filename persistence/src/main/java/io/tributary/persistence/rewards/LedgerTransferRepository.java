package io.tributary.persistence.rewards;

import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Ledger transfers and their legs; legs are only ever added with their transfer. */
@ApplicationScoped
public class LedgerTransferRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public Optional<LedgerTransfer> find(UUID id) {
        return Optional.ofNullable(em.find(LedgerTransfer.class, id));
    }

    /**
     * The transfer locked for update, so posting and voiding the same transfer queue rather than race; re-read under
     * the lock because a copy loaded earlier in this transaction may show a status another one has since changed.
     */
    public Optional<LedgerTransfer> findForUpdate(UUID id) {
        LedgerTransfer transfer = em.find(LedgerTransfer.class, id);
        if (transfer != null) {
            em.refresh(transfer, LockModeType.PESSIMISTIC_WRITE);
        }
        return Optional.ofNullable(transfer);
    }

    /**
     * Serializes transactions that use the same transfer id until they end, so concurrent retries of one request
     * find each other's transfer instead of colliding on the primary key.
     */
    public void claim(UUID id) {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) locked")
                .setParameter(1, "ledger-transfer:" + id)
                .getSingleResult();
    }

    public List<LedgerLeg> legsOf(UUID transferId) {
        return em.createQuery("select l from LedgerLeg l where l.transferId = :t order by l.sequence", LedgerLeg.class)
                .setParameter("t", transferId)
                .getResultList();
    }

    public void add(LedgerTransfer transfer, List<LedgerLeg> legs) {
        em.persist(transfer);
        legs.forEach(em::persist);
    }

    /** The legs of several accounts (a member's earnings accounts), newest first. */
    public Page<AccountEntry> history(Collection<UUID> accountIds, PageRequest page) {
        return Page.of(
                em.createQuery(
                                "select new io.tributary.persistence.rewards.AccountEntry(t.id, l.amount, t.status,"
                                        + " t.causeType, t.causeRef, t.memo, t.createdAt, t.postedAt, t.voidedAt)"
                                        + " from LedgerLeg l join LedgerTransfer t on t.id = l.transferId"
                                        + " where l.accountId in :a order by t.createdAt desc, t.id, l.sequence",
                                AccountEntry.class)
                        .setParameter("a", accountIds),
                em.createQuery("select count(l) from LedgerLeg l where l.accountId in :a", Long.class)
                        .setParameter("a", accountIds),
                page);
    }

    /** What people may sort and filter an account history by. */
    public static final Columns HISTORY_COLUMNS = Columns.builder()
            .sortOnly("created", "t.createdAt")
            .sortOnly("amount", "l.amount")
            .choice("cause", "t.causeType", CauseType.class)
            .choice("status", "t.status", TransferStatus.class)
            .text("memo", "t.memo")
            .build();

    /** One page of several accounts' legs, sorted and filtered by {@link #HISTORY_COLUMNS}, newest first otherwise. */
    public Page<AccountEntry> history(Collection<UUID> accountIds, ListQuery query) {
        String from = " from LedgerLeg l join LedgerTransfer t on t.id = l.transferId where l.accountId in :a"
                + HISTORY_COLUMNS.where(query);
        var list = em.createQuery(
                        "select new io.tributary.persistence.rewards.AccountEntry(t.id, l.amount, t.status,"
                                + " t.causeType, t.causeRef, t.memo, t.createdAt, t.postedAt, t.voidedAt)" + from
                                + HISTORY_COLUMNS.orderBy(query, "t.createdAt desc, t.id, l.sequence"),
                        AccountEntry.class)
                .setParameter("a", accountIds);
        var count = em.createQuery("select count(l)" + from, Long.class).setParameter("a", accountIds);
        return Page.of(HISTORY_COLUMNS.bind(list, query), HISTORY_COLUMNS.bind(count, query), query.page());
    }

    /** Pending transfers of this cause created before the instant, oldest first. */
    public List<UUID> pendingBefore(CauseType cause, Instant before, int max) {
        return em.createQuery(
                        "select t.id from LedgerTransfer t where t.status = :pending and t.causeType = :cause"
                                + " and t.createdAt < :before order by t.createdAt",
                        UUID.class)
                .setParameter("pending", TransferStatus.PENDING)
                .setParameter("cause", cause)
                .setParameter("before", before)
                .setMaxResults(max)
                .getResultList();
    }

    /** An account's legs, newest first. */
    public List<AccountEntry> history(UUID accountId, int max) {
        return em.createQuery(
                        "select new io.tributary.persistence.rewards.AccountEntry(t.id, l.amount, t.status,"
                                + " t.causeType, t.causeRef, t.memo, t.createdAt, t.postedAt, t.voidedAt)"
                                + " from LedgerLeg l join LedgerTransfer t on t.id = l.transferId"
                                + " where l.accountId = :a order by t.createdAt desc, t.id",
                        AccountEntry.class)
                .setParameter("a", accountId)
                .setMaxResults(max)
                .getResultList();
    }
}
