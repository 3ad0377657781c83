package io.tributary.persistence.datanet;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

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
    public Page<Contribution> queue(UUID dataNetId, UUID validatorMemberId, PageRequest page) {
        String where = " from Contribution c where c.dataNetId = :d and c.status = :s"
                + " and c.contributor.memberId <> :v and not exists (select r.id from Review r"
                + " where r.contributionId = c.id and r.validatorMemberId = :v)";
        return Page.of(
                em.createQuery("select c" + where + " order by c.createdAt, c.id", Contribution.class)
                        .setParameter("d", dataNetId)
                        .setParameter("s", ContributionStatus.IN_REVIEW)
                        .setParameter("v", validatorMemberId),
                em.createQuery("select count(c)" + where, Long.class)
                        .setParameter("d", dataNetId)
                        .setParameter("s", ContributionStatus.IN_REVIEW)
                        .setParameter("v", validatorMemberId),
                page);
    }

    public Page<Contribution> withStatus(UUID dataNetId, ContributionStatus status, PageRequest page) {
        String where = " from Contribution c where c.dataNetId = :d and c.status = :s";
        return Page.of(
                em.createQuery("select c" + where + " order by c.createdAt, c.id", Contribution.class)
                        .setParameter("d", dataNetId)
                        .setParameter("s", status),
                em.createQuery("select count(c)" + where, Long.class)
                        .setParameter("d", dataNetId)
                        .setParameter("s", status),
                page);
    }

    /** Rows fetched per round trip when a release is streamed. */
    private static final int STREAM_FETCH = 1_000;

    public long countAccepted(UUID dataNetId) {
        return em.createQuery(
                        "select count(c) from Contribution c where c.dataNetId = :d and c.status = :s", Long.class)
                .setParameter("d", dataNetId)
                .setParameter("s", ContributionStatus.ACCEPTED)
                .getSingleResult();
    }

    /**
     * What a Merkle leaf commits to for each accepted record of a DataNet — id, content hash, contributing member —
     * streamed from a database cursor as plain values, never as managed entities: the caller's memory does not grow
     * with the DataNet. Close the stream.
     */
    public Stream<LeafInput> acceptedLeafInputs(UUID dataNetId) {
        return em.createQuery(
                        "select new io.tributary.persistence.datanet.LeafInput(c.id, c.contentHash,"
                                + " c.contributor.memberId) from Contribution c where c.dataNetId = :d and c.status ="
                                + " :s",
                        LeafInput.class)
                .setParameter("d", dataNetId)
                .setParameter("s", ContributionStatus.ACCEPTED)
                .setHint("org.hibernate.fetchSize", STREAM_FETCH)
                .setHint("org.hibernate.readOnly", true)
                .getResultStream();
    }

    /** A release's records for export, in contribution order, streamed as plain values (see acceptedLeafInputs). */
    public Stream<ReleasedRecord> inRelease(UUID releaseId) {
        return em.createQuery(
                        "select new io.tributary.persistence.datanet.ReleasedRecord(c.id, c.contentHash,"
                                + " c.contributor.memberId, c.contributor.email, c.fields) from Contribution c,"
                                + " ReleaseEntry e where e.releaseId = :r and e.contributionId = c.id order by"
                                + " c.createdAt, c.position, c.id",
                        ReleasedRecord.class)
                .setParameter("r", releaseId)
                .setHint("org.hibernate.fetchSize", STREAM_FETCH)
                .setHint("org.hibernate.readOnly", true)
                .getResultStream();
    }

    /** A contributor's records, newest first, optionally only those in one status. */
    public Page<Contribution> ofContributor(UUID memberId, ContributionStatus status, PageRequest page) {
        String where =
                " from Contribution c where c.contributor.memberId = :m" + (status == null ? "" : " and c.status = :s");
        var list = em.createQuery(
                        "select c" + where + " order by c.createdAt desc, c.position, c.id", Contribution.class)
                .setParameter("m", memberId);
        var count = em.createQuery("select count(c)" + where, Long.class).setParameter("m", memberId);
        if (status != null) {
            list.setParameter("s", status);
            count.setParameter("s", status);
        }
        return Page.of(list, count, page);
    }

    /** A contributor's accepted and decided (accepted or rejected) record counts. */
    public long[] decidedOf(UUID memberId) {
        Object[] row = em.createQuery(
                        "select sum(case when c.status = :a then 1 else 0 end),"
                                + " sum(case when c.status in (:a, :r) then 1 else 0 end)"
                                + " from Contribution c where c.contributor.memberId = :m",
                        Object[].class)
                .setParameter("a", ContributionStatus.ACCEPTED)
                .setParameter("r", ContributionStatus.REJECTED)
                .setParameter("m", memberId)
                .getSingleResult();
        return new long[] {
            row[0] == null ? 0 : ((Number) row[0]).longValue(), row[1] == null ? 0 : ((Number) row[1]).longValue()
        };
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
