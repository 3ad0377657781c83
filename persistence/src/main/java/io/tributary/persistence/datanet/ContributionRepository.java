package io.tributary.persistence.datanet;

import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
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

/** Contributions: duplicates, a contributor's own, counts and standings, and what a release takes. */
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

    /** The columns people sort and filter a contributor's own records by. */
    public static final Columns MINE = Columns.builder()
            .choice("status", "c.status", ContributionStatus.class)
            .sortOnly("createdAt", "c.createdAt")
            .sortOnly("qualityScore", "c.qualityScore")
            .build();

    /** A contributor's records, newest first unless sorted otherwise, filtered within {@link #MINE}. */
    public Page<Contribution> ofContributor(UUID memberId, ListQuery query) {
        String where = " from Contribution c where c.contributor.memberId = :m" + MINE.where(query);
        var list = MINE.bind(
                em.createQuery(
                                "select c" + where + MINE.orderBy(query, "c.createdAt desc, c.position, c.id"),
                                Contribution.class)
                        .setParameter("m", memberId),
                query);
        var count = MINE.bind(em.createQuery("select count(c)" + where, Long.class), query)
                .setParameter("m", memberId);
        return Page.of(list, count, query.page());
    }

    /** A contributor's records, newest first, optionally only those in one status. */
    public Page<Contribution> ofContributor(UUID memberId, ContributionStatus status, PageRequest page) {
        ListQuery query = ListQuery.of(page);
        return ofContributor(memberId, status == null ? query : query.filtered("status", status.name()));
    }

    /** Records by id, in no particular order (callers order them). */
    public List<Contribution> byIds(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select c from Contribution c where c.id in :ids", Contribution.class)
                .setParameter("ids", ids)
                .getResultList();
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

    /** The columns people sort a DataNet's leaderboard by (positions in the leaderboard query's select list). */
    public static final Columns LEADERBOARD =
            Columns.builder().sortOnly("accepted", "2").sortOnly("decided", "3").build();

    /** Per contributor: accepted and decided counts; best first unless sorted otherwise. */
    public Page<ContributorTally> leaderboard(UUID dataNetId, ListQuery query) {
        var list = em.createQuery(
                        "select c.contributor.memberId, sum(case when c.status = :a then 1 else 0 end),"
                                + " sum(case when c.status in (:a, :r) then 1 else 0 end) from Contribution c"
                                + " where c.dataNetId = :d group by c.contributor.memberId"
                                + LEADERBOARD.orderBy(query, "2 desc, 1"),
                        Object[].class)
                .setParameter("d", dataNetId)
                .setParameter("a", ContributionStatus.ACCEPTED)
                .setParameter("r", ContributionStatus.REJECTED);
        var count = em.createQuery(
                        "select count(distinct c.contributor.memberId) from Contribution c where c.dataNetId = :d",
                        Long.class)
                .setParameter("d", dataNetId);
        return Page.of(list, count, query.page())
                .map(r -> new ContributorTally((UUID) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
    }
}
