package io.tributary.persistence.rewards;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Ledger accounts across all tenants (the ledger is not filtered by tenant: one transfer spans several). */
@ApplicationScoped
public class LedgerAccountRepository {

    /**
     * The SQL condition (on a {@code ledger_transfer t}) of the transfers that move value between organizations in the
     * ledger only: inference charges, fee splits and dispute corrections.
     */
    public static final String CROSSES_ORGANIZATIONS = "(t.cause_type in ('INFERENCE_CHARGE', 'FEE_SPLIT')"
            + " or (t.cause_type = 'ADJUSTMENT' and t.cause_ref like 'dispute:%'))";

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public Optional<LedgerAccount> find(UUID id) {
        return Optional.ofNullable(em.find(LedgerAccount.class, id));
    }

    /** The account with this identity; a null tenant means the platform, a null member the tenant itself. */
    public Optional<LedgerAccount> find(UUID tenantId, UUID memberId, AccountKind kind, String currency) {
        String jpql = "select a from LedgerAccount a where a.kind = :kind and a.currency = :currency"
                + (tenantId == null ? " and a.tenantId is null" : " and a.tenantId = :tenant")
                + (memberId == null ? " and a.memberId is null" : " and a.memberId = :member");
        var query = em.createQuery(jpql, LedgerAccount.class)
                .setParameter("kind", kind)
                .setParameter("currency", currency);
        if (tenantId != null) query.setParameter("tenant", tenantId);
        if (memberId != null) query.setParameter("member", memberId);
        return query.getResultStream().findFirst();
    }

    /**
     * Get-or-create, safe under concurrency: a transaction-scoped advisory lock on the account's identity makes a
     * second opener wait and then find the first one's row, instead of failing on the unique index.
     */
    public LedgerAccount open(UUID tenantId, UUID memberId, AccountKind kind, String currency) {
        Optional<LedgerAccount> existing = find(tenantId, memberId, kind, currency);
        if (existing.isPresent()) {
            return existing.get();
        }
        advisoryLock("ledger-account:" + tenantId + ":" + memberId + ":" + kind + ":" + currency);
        return find(tenantId, memberId, kind, currency).orElseGet(() -> {
            LedgerAccount account = new LedgerAccount(tenantId, memberId, kind, currency);
            em.persist(account);
            em.flush();
            return account;
        });
    }

    /**
     * Locks the accounts for update in one statement, in the database's id order, so two transfers touching the same
     * accounts always queue instead of deadlocking.
     *
     * <p>The lock is taken in SQL rather than with a JPA lock mode because Hibernate refuses, with an {@code
     * OptimisticLockException}, to lock an account this transaction read before another one changed it; a payout
     * that reads balances and then reserves them would fail under load. Instead any such stale copy is refreshed
     * once the row is locked.
     */
    public Map<UUID, LedgerAccount> lockInIdOrder(Collection<UUID> ids) {
        Map<UUID, Long> lockedVersions = new LinkedHashMap<>();
        List<?> rows = em.createNativeQuery(
                        "select id, version from ledger_account where id in (:ids) order by id for no key update")
                .setParameter("ids", ids)
                .getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            lockedVersions.put((UUID) columns[0], ((Number) columns[1]).longValue());
        }
        for (UUID id : ids) {
            if (!lockedVersions.containsKey(id)) {
                throw new UnknownAccount(id);
            }
        }
        Map<UUID, LedgerAccount> byId = new LinkedHashMap<>();
        em.createQuery("select a from LedgerAccount a where a.id in :ids", LedgerAccount.class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(account -> {
                    if (account.getVersion() != lockedVersions.get(account.getId())) {
                        em.refresh(account);
                    }
                    byId.put(account.getId(), account);
                });
        return byId;
    }

    /** The tenant's members' accounts of these kinds in one currency (for payout runs over many members). */
    public List<LedgerAccount> membersAccounts(UUID tenantId, Collection<AccountKind> kinds, String currency) {
        return em.createQuery(
                        "select a from LedgerAccount a where a.tenantId = :tenant and a.memberId is not null"
                                + " and a.kind in :kinds and a.currency = :currency order by a.memberId, a.kind",
                        LedgerAccount.class)
                .setParameter("tenant", tenantId)
                .setParameter("kinds", kinds)
                .setParameter("currency", currency)
                .getResultList();
    }

    /** The sum of posted balances of every account the tenant or its members own in one currency. */
    public BigInteger holdings(UUID tenantId, String currency) {
        return integer(em.createNativeQuery("select coalesce(sum(posted_balance), 0) from ledger_account"
                        + " where tenant_id = ?1 and currency = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, currency)
                .getSingleResult());
    }

    /**
     * What posted inference charges, fee splits and dispute corrections moved into (positive) or out of (negative) the
     * tenant's accounts in one currency: value that crossed organizations in the ledger; the tokens stay in the wallets
     * they were in until settlements move them (see {@code SettlementRepository}).
     */
    public BigInteger crossOrganizationNet(UUID tenantId, String currency) {
        return integer(em.createNativeQuery("select coalesce(sum(l.amount), 0) from ledger_leg l"
                        + " join ledger_account a on a.id = l.account_id"
                        + " join ledger_transfer t on t.id = l.transfer_id"
                        + " where a.tenant_id = ?1 and a.currency = ?2 and t.status = 'POSTED' and "
                        + CROSSES_ORGANIZATIONS)
                .setParameter(1, tenantId)
                .setParameter(2, currency)
                .getSingleResult());
    }

    /** Sums over one currency's accounts, and how many cached balances disagree with their posted legs. */
    public TrialBalance trialBalance(String currency) {
        Object[] sums = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(posted_balance), 0),"
                        + " coalesce(sum(pending_debits), 0), coalesce(sum(pending_credits), 0)"
                        + " from ledger_account where currency = ?1")
                .setParameter(1, currency)
                .getSingleResult();
        Number disagreeing = (Number) em.createNativeQuery("select count(*) from ledger_account a"
                        + " where a.currency = ?1 and a.posted_balance <> coalesce((select sum(l.amount)"
                        + " from ledger_leg l join ledger_transfer t on t.id = l.transfer_id"
                        + " where l.account_id = a.id and t.status = 'POSTED'), 0)")
                .setParameter(1, currency)
                .getSingleResult();
        return new TrialBalance(
                currency,
                ((Number) sums[0]).longValue(),
                integer(sums[1]),
                integer(sums[2]),
                integer(sums[3]),
                disagreeing.longValue());
    }

    /** A numeric column as read by a native query. */
    public static BigInteger integer(Object numeric) {
        return numeric instanceof java.math.BigDecimal decimal
                ? decimal.toBigIntegerExact()
                : BigInteger.valueOf(((Number) numeric).longValue());
    }

    private void advisoryLock(String key) {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) locked")
                .setParameter(1, key)
                .getSingleResult();
    }
}
