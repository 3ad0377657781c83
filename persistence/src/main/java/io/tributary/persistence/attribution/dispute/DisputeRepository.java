package io.tributary.persistence.attribution.dispute;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Disputes; not filtered by Hibernate's tenant (disputer and validators are often of different organizations). */
@ApplicationScoped
public class DisputeRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Dispute dispute) {
        em.persist(dispute);
        em.flush();
    }

    public Optional<Dispute> find(UUID id) {
        return Optional.ofNullable(em.find(Dispute.class, id));
    }

    /** The dispute, locked until the transaction ends: two validators never decide it both. */
    public Optional<Dispute> lock(UUID id) {
        return Optional.ofNullable(em.find(Dispute.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The status of the dispute of this receipt about this record, open or decided, if there is one. */
    public Optional<DisputeStatus> statusOf(UUID receiptId, UUID recordId) {
        return em.createQuery(
                        "select d.status from Dispute d where d.receiptId = :r and d.recordId = :c"
                                + " order by case when d.status = :open then 0 else 1 end",
                        DisputeStatus.class)
                .setParameter("r", receiptId)
                .setParameter("c", recordId)
                .setParameter("open", DisputeStatus.OPEN)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /** What upheld disputes of this receipt have paid so far, in base units. */
    public BigInteger corrected(UUID receiptId) {
        BigInteger sum = em.createQuery(
                        "select sum(d.correctionAmount) from Dispute d where d.receiptId = :r and d.status = :upheld",
                        BigInteger.class)
                .setParameter("r", receiptId)
                .setParameter("upheld", DisputeStatus.UPHELD)
                .getSingleResult();
        return sum == null ? BigInteger.ZERO : sum;
    }

    /** The member's disputes, newest first. */
    public List<Dispute> ofMember(UUID memberId, int max) {
        return em.createQuery(
                        "select d from Dispute d where d.memberId = :m order by d.openedAt desc, d.id", Dispute.class)
                .setParameter("m", memberId)
                .setMaxResults(max)
                .getResultList();
    }

    /** Disputes about records of these DataNets, open ones first, then newest first. */
    public List<Dispute> ofDataNets(Collection<UUID> dataNetIds, int max) {
        if (dataNetIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery(
                        "select d from Dispute d where d.dataNetId in :n order by case when d.status = :open then 0"
                                + " else 1 end, d.openedAt desc, d.id",
                        Dispute.class)
                .setParameter("n", dataNetIds)
                .setParameter("open", DisputeStatus.OPEN)
                .setMaxResults(max)
                .getResultList();
    }

    /** A receipt's disputes, oldest first. */
    public List<Dispute> ofReceipt(UUID receiptId) {
        return em.createQuery("select d from Dispute d where d.receiptId = :r order by d.openedAt, d.id", Dispute.class)
                .setParameter("r", receiptId)
                .getResultList();
    }
}
