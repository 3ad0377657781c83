package io.tributary.persistence.rewards.settlement;

import static io.tributary.persistence.rewards.LedgerAccountRepository.CROSSES_ORGANIZATIONS;
import static io.tributary.persistence.rewards.LedgerAccountRepository.integer;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Settlements across tenants, and the unsettled cross-organization positions they are planned from. */
@ApplicationScoped
public class SettlementRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public SettlementRepository() {}

    /** Outside a container (tests): on an entity manager whose transaction the caller controls. */
    public SettlementRepository(EntityManager em) {
        this.em = em;
    }

    public void add(Settlement settlement) {
        em.persist(settlement);
    }

    /**
     * Claims the right to plan settlements until this transaction ends; false when another server's planning holds
     * it. With it held, settlements committed by earlier planners are all visible, so nothing is planned twice.
     */
    public boolean claimPlanning() {
        return (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "settlement-planning")
                .getSingleResult();
    }

    /**
     * Every organization's unsettled position in one currency, read in one statement (one snapshot): what posted
     * cross-organization transfers moved into its accounts (positive) or out of them (negative), less what
     * settlements not failed have sent it, plus what they have taken from it. Organizations at zero are left out.
     */
    public Map<UUID, BigInteger> positions(String currency) {
        List<?> rows = em.createNativeQuery("select tenant_id, sum(amount) from ("
                        + " select a.tenant_id, l.amount from ledger_leg l"
                        + " join ledger_account a on a.id = l.account_id"
                        + " join ledger_transfer t on t.id = l.transfer_id"
                        + " where a.tenant_id is not null and a.currency = ?1 and t.status = 'POSTED' and "
                        + CROSSES_ORGANIZATIONS
                        + " union all select creditor_tenant_id, -amount from settlement where status <> 'FAILED'"
                        + " union all select debtor_tenant_id, amount from settlement where status <> 'FAILED'"
                        + ") moved group by tenant_id having sum(amount) <> 0 order by tenant_id")
                .setParameter(1, currency)
                .getResultList();
        Map<UUID, BigInteger> positions = new LinkedHashMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            positions.put((UUID) columns[0], integer(columns[1]));
        }
        return positions;
    }

    /** What settlements into this wallet were seen arriving, by its deposit scan, at or below the block. */
    public BigInteger receivedThrough(UUID creditorWalletId, long block) {
        return integer(em.createNativeQuery("select coalesce(sum(amount), 0) from settlement"
                        + " where creditor_wallet_id = ?1 and received_block <= ?2")
                .setParameter(1, creditorWalletId)
                .setParameter(2, block)
                .getSingleResult());
    }

    /** What settlements out of this wallet are booked as confirmed in blocks at or below the block. */
    public BigInteger sentThrough(UUID debtorWalletId, long block) {
        return integer(em.createNativeQuery("select coalesce(sum(s.amount), 0) from settlement s"
                        + " join chain_transaction t on t.id = s.transaction_id"
                        + " where s.debtor_wallet_id = ?1 and t.status = 'CONFIRMED' and t.block_number <= ?2")
                .setParameter(1, debtorWalletId)
                .setParameter(2, block)
                .getSingleResult());
    }

    public Optional<Settlement> find(UUID id) {
        return Optional.ofNullable(em.find(Settlement.class, id));
    }

    public Optional<Settlement> ofTransaction(UUID transactionId) {
        return em.createQuery("select s from Settlement s where s.transactionId = :tx", Settlement.class)
                .setParameter("tx", transactionId)
                .getResultStream()
                .findFirst();
    }

    /**
     * The settlement one of whose signed versions (first or fee bump) has this hash. Every version is stored before
     * it is broadcast, so a transfer seen on chain always finds its settlement.
     */
    public Optional<Settlement> ofTransactionHash(String txHash) {
        List<?> ids = em.createNativeQuery("select s.id from settlement s"
                        + " join chain_transaction t on t.id = s.transaction_id"
                        + " where lower(t.tx_hash) = lower(?1) or exists (select 1 from chain_transaction_attempt a"
                        + " where a.transaction_id = t.id and lower(a.tx_hash) = lower(?1))")
                .setParameter(1, txHash)
                .getResultList();
        return ids.isEmpty() ? Optional.empty() : find((UUID) ids.get(0));
    }

    /** Newest first. */
    public Page<Settlement> page(PageRequest page) {
        return Page.of(
                em.createQuery("select s from Settlement s order by s.createdAt desc, s.id", Settlement.class),
                em.createQuery("select count(s) from Settlement s", Long.class),
                page);
    }
}
