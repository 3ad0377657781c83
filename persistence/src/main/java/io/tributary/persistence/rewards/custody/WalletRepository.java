package io.tributary.persistence.rewards.custody;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.tenancy.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Custodial wallets with their withdrawal addresses, deposits and reconciliation alerts, across tenants. */
@ApplicationScoped
public class WalletRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Object walletPart) {
        em.persist(walletPart);
    }

    /** Writes pending changes now, so a later statement in the transaction sees them (and constraints check them). */
    public void flush() {
        em.flush();
    }

    public Optional<CustodialWallet> ofTenant(UUID tenantId) {
        return em.createQuery("select w from CustodialWallet w where w.tenantId = :tenant", CustodialWallet.class)
                .setParameter("tenant", tenantId)
                .getResultStream()
                .findFirst();
    }

    /**
     * The wallet row locked for update and read afresh: what a writer of its nonce or policy holds until commit. A
     * refresh rather than a locking find, because the row may already be in this transaction, read before the lock.
     */
    public Optional<CustodialWallet> lock(UUID walletId) {
        CustodialWallet wallet = em.find(CustodialWallet.class, walletId);
        if (wallet != null) {
            em.refresh(wallet, LockModeType.PESSIMISTIC_WRITE);
        }
        return Optional.ofNullable(wallet);
    }

    /** The wallet as stored, without a lock. */
    public Optional<CustodialWallet> find(UUID walletId) {
        return Optional.ofNullable(em.find(CustodialWallet.class, walletId));
    }

    /** Wallets of organizations that are not suspended, oldest first: what scheduled jobs may move money from. */
    public List<CustodialWallet> ofActiveTenants() {
        return em.createQuery(
                        "select w from CustodialWallet w where w.tenantId in (select t.id from Tenant t"
                                + " where t.status = :active) order by w.createdAt",
                        CustodialWallet.class)
                .setParameter("active", TenantStatus.ACTIVE)
                .getResultList();
    }

    public List<CustodialWallet> all() {
        return em.createQuery("select w from CustodialWallet w order by w.createdAt", CustodialWallet.class)
                .getResultList();
    }

    /**
     * Takes or renews the right to send for this wallet until {@code until}; false while another node holds an
     * unexpired lease. This is what keeps one sender per wallet in a cluster.
     */
    public boolean lease(UUID walletId, String node, Instant now, Instant until) {
        return em.createNativeQuery("update custodial_wallet set sender_node = ?1, sender_lease_until = ?2"
                                + " where id = ?3 and (sender_lease_until is null or sender_lease_until < ?4"
                                + " or sender_node = ?1)")
                        .setParameter(1, node)
                        .setParameter(2, until)
                        .setParameter(3, walletId)
                        .setParameter(4, now)
                        .executeUpdate()
                == 1;
    }

    public Optional<WithdrawalAddress> currentAddress(UUID memberId) {
        return em.createQuery(
                        "select a from WithdrawalAddress a where a.memberId = :member and a.removedAt is null",
                        WithdrawalAddress.class)
                .setParameter("member", memberId)
                .getResultStream()
                .findFirst();
    }

    /** Current addresses of these members, by member. */
    public Map<UUID, WithdrawalAddress> currentAddresses(UUID tenantId) {
        return em.createQuery(
                        "select a from WithdrawalAddress a where a.tenantId = :tenant and a.removedAt is null",
                        WithdrawalAddress.class)
                .setParameter("tenant", tenantId)
                .getResultStream()
                .collect(Collectors.toMap(WithdrawalAddress::getMemberId, Function.identity()));
    }

    public boolean isCredited(String txHash, int logIndex) {
        return !em.createQuery(
                        "select 1 from ChainDeposit d where d.txHash = :hash and d.logIndex = :log", Integer.class)
                .setParameter("hash", txHash)
                .setParameter("log", logIndex)
                .getResultList()
                .isEmpty();
    }

    public Page<ChainDeposit> deposits(UUID walletId, PageRequest page) {
        return Page.of(
                em.createQuery(
                                "select d from ChainDeposit d where d.walletId = :wallet"
                                        + " order by d.blockNumber desc, d.logIndex, d.txHash",
                                ChainDeposit.class)
                        .setParameter("wallet", walletId),
                em.createQuery("select count(d) from ChainDeposit d where d.walletId = :wallet", Long.class)
                        .setParameter("wallet", walletId),
                page);
    }

    /** Deposits credited from blocks above {@code block}: in the ledger, not yet in a balance read at that block. */
    public BigInteger depositedAfter(UUID walletId, long block) {
        return sum(em.createQuery(
                        "select coalesce(sum(d.amount), 0) from ChainDeposit d where d.walletId = :wallet"
                                + " and d.blockNumber > :block",
                        BigInteger.class)
                .setParameter("wallet", walletId)
                .setParameter("block", block)
                .getSingleResult());
    }

    /** One page of the open alerts, newest first. */
    public Page<ReconciliationAlert> openAlerts(PageRequest page) {
        return Page.of(
                em.createQuery(
                        "select a from ReconciliationAlert a where a.resolvedAt is null"
                                + " order by a.raisedAt desc, a.id",
                        ReconciliationAlert.class),
                em.createQuery("select count(a) from ReconciliationAlert a where a.resolvedAt is null", Long.class),
                page);
    }

    /** One page of every tenant's wallet, oldest first. */
    public Page<CustodialWallet> page(PageRequest page) {
        return Page.of(
                em.createQuery("select w from CustodialWallet w order by w.createdAt, w.id", CustodialWallet.class),
                em.createQuery("select count(w) from CustodialWallet w", Long.class),
                page);
    }

    public List<ReconciliationAlert> openAlerts(Collection<UUID> walletIds) {
        return walletIds.isEmpty()
                ? List.of()
                : em.createQuery(
                                "select a from ReconciliationAlert a where a.walletId in :wallets and a.resolvedAt is null",
                                ReconciliationAlert.class)
                        .setParameter("wallets", walletIds)
                        .getResultList();
    }

    public Optional<WalletChange> change(UUID changeId) {
        return Optional.ofNullable(em.find(WalletChange.class, changeId));
    }

    /** The tenant's change made under this caller-scoped idempotency key, if any. */
    public Optional<WalletChange> changeByIdempotencyKey(UUID tenantId, String key) {
        return em.createQuery(
                        "select c from WalletChange c where c.tenantId = :tenant and c.idempotencyKey = :key",
                        WalletChange.class)
                .setParameter("tenant", tenantId)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    /** The tenant's changes, newest first. */
    public List<WalletChange> changes(UUID tenantId, int max) {
        return em.createQuery(
                        "select c from WalletChange c where c.tenantId = :tenant order by c.createdAt desc, c.id",
                        WalletChange.class)
                .setParameter("tenant", tenantId)
                .setMaxResults(max)
                .getResultList();
    }

    /** The tenant's changes still awaiting approval or their cooling-off, oldest first. */
    public List<WalletChange> openChanges(UUID tenantId, WalletChangeKind kind) {
        return em.createQuery(
                        "select c from WalletChange c where c.tenantId = :tenant and c.kind = :kind"
                                + " and c.status in :open order by c.createdAt, c.id",
                        WalletChange.class)
                .setParameter("tenant", tenantId)
                .setParameter("kind", kind)
                .setParameter("open", List.of(WalletChangeStatus.AWAITING_APPROVAL, WalletChangeStatus.COOLING_OFF))
                .getResultList();
    }

    /** Ids of approved changes whose cooling-off has passed, oldest first, across tenants. */
    public List<UUID> dueChanges(Instant now) {
        return em.createQuery(
                        "select c.id from WalletChange c where c.status = :cooling and c.effectiveAt <= :now"
                                + " and c.tenantId in (select t.id from Tenant t where t.status = :active)"
                                + " order by c.effectiveAt, c.id",
                        UUID.class)
                .setParameter("cooling", WalletChangeStatus.COOLING_OFF)
                .setParameter("active", TenantStatus.ACTIVE)
                .setParameter("now", now)
                .setMaxResults(100)
                .getResultList();
    }

    static BigInteger sum(Object value) {
        return value instanceof BigInteger b ? b : new BigInteger(String.valueOf(value));
    }
}
