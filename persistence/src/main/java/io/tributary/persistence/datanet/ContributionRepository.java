package io.tributary.persistence.datanet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Contributions: the review queue, duplicates, a contributor's own, and what a release takes. */
@ApplicationScoped
public class ContributionRepository {

    /** Statuses whose records keep their content's priority: later copies count as duplicates of them. */
    static final List<ContributionStatus> LIVE =
            List.of(ContributionStatus.IN_REVIEW, ContributionStatus.ESCALATED, ContributionStatus.ACCEPTED);

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Contribution contribution) {
        em.persist(contribution);
    }

    public Optional<Contribution> find(UUID id) {
        return Optional.ofNullable(em.find(Contribution.class, id));
    }

    /** The earliest live record with this content in the DataNet, which keeps priority over later copies. */
    public Optional<Contribution> firstWithHash(UUID dataNetId, String contentHash) {
        return em.createQuery(
                        "select c from Contribution c where c.dataNetId = :d and c.contentHash = :h"
                                + " and c.status in :live order by c.createdAt",
                        Contribution.class)
                .setParameter("d", dataNetId)
                .setParameter("h", contentHash)
                .setParameter("live", LIVE)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /** Ids and MinHash signatures of the DataNet's live records, to rebuild its near-duplicate index. */
    public List<Object[]> liveSignatures(UUID dataNetId) {
        return em.createQuery(
                        "select c.id, c.signature from Contribution c where c.dataNetId = :d and c.status in :live",
                        Object[].class)
                .setParameter("d", dataNetId)
                .setParameter("live", LIVE)
                .getResultList();
    }

    /** Records waiting for this validator: in review, not their own, not yet voted on by them. */
    public List<Contribution> queue(UUID dataNetId, UUID validatorMemberId, int max) {
        return em.createQuery(
                        "select c from Contribution c where c.dataNetId = :d and c.status = :s"
                                + " and c.contributor.memberId <> :v and not exists (select r.id from Review r"
                                + " where r.contributionId = c.id and r.validatorMemberId = :v) order by c.createdAt",
                        Contribution.class)
                .setParameter("d", dataNetId)
                .setParameter("s", ContributionStatus.IN_REVIEW)
                .setParameter("v", validatorMemberId)
                .setMaxResults(max)
                .getResultList();
    }

    public List<Contribution> withStatus(UUID dataNetId, ContributionStatus status, int max) {
        return em.createQuery(
                        "select c from Contribution c where c.dataNetId = :d and c.status = :s order by c.createdAt",
                        Contribution.class)
                .setParameter("d", dataNetId)
                .setParameter("s", status)
                .setMaxResults(max)
                .getResultList();
    }

    /** Every accepted record of a DataNet, in the order they were contributed. */
    public List<Contribution> accepted(UUID dataNetId) {
        return em.createQuery(
                        "select c from Contribution c where c.dataNetId = :d and c.status = :s order by c.createdAt,"
                                + " c.position",
                        Contribution.class)
                .setParameter("d", dataNetId)
                .setParameter("s", ContributionStatus.ACCEPTED)
                .getResultList();
    }

    /** The contributions a release committed to. */
    public List<Contribution> inRelease(UUID releaseId) {
        return em.createQuery(
                        "select c from Contribution c, ReleaseEntry e where e.releaseId = :r and e.contributionId = c.id"
                                + " order by c.createdAt, c.position",
                        Contribution.class)
                .setParameter("r", releaseId)
                .getResultList();
    }

    public List<Contribution> ofContributor(UUID memberId, int max) {
        return em.createQuery(
                        "select c from Contribution c where c.contributor.memberId = :m order by c.createdAt desc,"
                                + " c.position",
                        Contribution.class)
                .setParameter("m", memberId)
                .setMaxResults(max)
                .getResultList();
    }

    public Map<ContributionStatus, Long> countByStatus(UUID dataNetId) {
        Map<ContributionStatus, Long> counts = new EnumMap<>(ContributionStatus.class);
        for (ContributionStatus s : ContributionStatus.values()) counts.put(s, 0L);
        em.createQuery(
                        "select c.status, count(c) from Contribution c where c.dataNetId = :d group by c.status",
                        Object[].class)
                .setParameter("d", dataNetId)
                .getResultList()
                .forEach(r -> counts.put((ContributionStatus) r[0], (Long) r[1]));
        return counts;
    }

    /** Per contributor: member id, accepted count, decided count; best first. */
    public List<Object[]> leaderboard(UUID dataNetId) {
        return em.createQuery(
                        "select c.contributor.memberId, sum(case when c.status = :a then 1 else 0 end),"
                                + " sum(case when c.status in (:a, :r) then 1 else 0 end) from Contribution c"
                                + " where c.dataNetId = :d group by c.contributor.memberId"
                                + " order by 2 desc, 1",
                        Object[].class)
                .setParameter("d", dataNetId)
                .setParameter("a", ContributionStatus.ACCEPTED)
                .setParameter("r", ContributionStatus.REJECTED)
                .getResultList();
    }
}
