package io.tributary.persistence.curation;

import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.datanet.ReleasedRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** Releases and their entries. */
@ApplicationScoped
public class ReleaseRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Release release) {
        em.persist(release);
    }

    public void add(ReleaseEntry entry) {
        em.persist(entry);
    }

    /** The columns people sort a DataNet's releases by. */
    public static final Columns LIST = Columns.builder()
            .sortOnly("version", "r.version")
            .sortOnly("recordCount", "r.recordCount")
            .sortOnly("publishedAt", "r.publishedAt")
            .build();

    public Page<Release> ofDataNet(UUID dataNetId, PageRequest page) {
        return ofDataNet(dataNetId, ListQuery.of(page));
    }

    /** A DataNet's releases, newest first unless sorted otherwise. */
    public Page<Release> ofDataNet(UUID dataNetId, ListQuery query) {
        return Page.of(
                em.createQuery(
                                "select r from Release r where r.dataNetId = :d"
                                        + LIST.orderBy(query, "r.version desc"),
                                Release.class)
                        .setParameter("d", dataNetId),
                em.createQuery("select count(r) from Release r where r.dataNetId = :d", Long.class)
                        .setParameter("d", dataNetId),
                query.page());
    }

    /** A release's records for export, in contribution order, streamed as plain values (see acceptedLeafInputs). */
    public Stream<ReleasedRecord> records(UUID releaseId) {
        return em.createQuery(
                        "select new io.tributary.persistence.datanet.ReleasedRecord(c.id, c.contentHash,"
                                + " c.contributor.memberId, c.contributor.email, c.fields) from Contribution c,"
                                + " ReleaseEntry e where e.releaseId = :r and e.contributionId = c.id order by"
                                + " c.createdAt, c.position, c.id",
                        ReleasedRecord.class)
                .setParameter("r", releaseId)
                .setHint("org.hibernate.fetchSize", 1_000)
                .setHint("org.hibernate.readOnly", true)
                .getResultStream();
    }

    public Optional<Release> find(UUID dataNetId, int version) {
        return em.createQuery("select r from Release r where r.dataNetId = :d and r.version = :v", Release.class)
                .setParameter("d", dataNetId)
                .setParameter("v", version)
                .getResultStream()
                .findFirst();
    }

    public int latestVersion(UUID dataNetId) {
        return em.createQuery("select coalesce(max(r.version), 0) from Release r where r.dataNetId = :d", Integer.class)
                .setParameter("d", dataNetId)
                .getSingleResult();
    }

    /** Writes pending entries and forgets them, so that a release of any size holds constant memory here. */
    public void flushEntries() {
        em.flush();
        em.clear();
    }

    /** The Merkle leaf of one record of a release. */
    public Optional<String> leaf(UUID releaseId, UUID contributionId) {
        return em.createQuery(
                        "select e.leaf from ReleaseEntry e where e.releaseId = :r and e.contributionId = :c",
                        String.class)
                .setParameter("r", releaseId)
                .setParameter("c", contributionId)
                .getResultStream()
                .findFirst();
    }

    /** Whether the release's Merkle tree is stored (releases published before V10 have only their entries). */
    public boolean hasTree(UUID releaseId) {
        return !em.createNativeQuery("select 1 from release_tree_part where release_id = ?1 and part = 0")
                .setParameter(1, releaseId)
                .getResultList()
                .isEmpty();
    }

    /** A release's leaves as stored with its entries, streamed (see ContributionRepository#acceptedLeafInputs). */
    public Stream<String> leaves(UUID releaseId) {
        return em.createQuery("select e.leaf from ReleaseEntry e where e.releaseId = :r", String.class)
                .setParameter("r", releaseId)
                .setHint("org.hibernate.fetchSize", 1_000)
                .getResultStream();
    }

    /** Stores one part of a release's Merkle tree (see V10__release_tree.sql). */
    public void addTreePart(UUID releaseId, int part, byte[] nodes) {
        em.createNativeQuery("insert into release_tree_part (release_id, part, nodes) values (?1, ?2, ?3)")
                .setParameter(1, releaseId)
                .setParameter(2, part)
                .setParameter(3, nodes)
                .executeUpdate();
    }

    /** {@code length} bytes of a stored tree part from {@code offset} (0-based). */
    public byte[] treeBytes(UUID releaseId, int part, int offset, int length) {
        return (byte[]) em.createNativeQuery(
                        "select substring(nodes from ?3 for ?4) from release_tree_part where release_id = ?1"
                                + " and part = ?2")
                .setParameter(1, releaseId)
                .setParameter(2, part)
                .setParameter(3, offset + 1)
                .setParameter(4, length)
                .getSingleResult();
    }

    /** The release, locked until the transaction ends, so two anchoring attempts never overlap. */
    public Optional<Release> lockForAnchoring(UUID releaseId) {
        return Optional.ofNullable(em.find(Release.class, releaseId, LockModeType.PESSIMISTIC_WRITE));
    }
}
