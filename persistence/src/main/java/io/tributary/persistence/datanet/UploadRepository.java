package io.tributary.persistence.datanet;

import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.UUID;

/** Uploads and the quota arithmetic on them. */
@ApplicationScoped
public class UploadRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Upload upload) {
        em.persist(upload);
    }

    /** The columns people sort and filter a contributor's uploads by. */
    public static final Columns MINE = Columns.builder()
            .text("fileName", "u.fileName")
            .sortOnly("recordsAdded", "u.recordsAdded")
            .sortOnly("createdAt", "u.createdAt")
            .build();

    public Page<Upload> ofContributor(UUID memberId, PageRequest page) {
        return ofContributor(memberId, ListQuery.of(page));
    }

    /** A contributor's uploads, newest first unless sorted otherwise. */
    public Page<Upload> ofContributor(UUID memberId, ListQuery query) {
        String where = " from Upload u where u.contributor.memberId = :m" + MINE.where(query);
        return Page.of(
                MINE.bind(
                        em.createQuery("select u" + where + MINE.orderBy(query, "u.createdAt desc, u.id"), Upload.class)
                                .setParameter("m", memberId),
                        query),
                MINE.bind(em.createQuery("select count(u)" + where, Long.class), query)
                        .setParameter("m", memberId),
                query.page());
    }

    /**
     * Records a contributor added to a DataNet since the given instant (for the daily quota). Locks that contributor's
     * quota of the DataNet until the transaction ends, so parallel uploads count each other instead of each seeing
     * the same total.
     */
    public long recordsSince(UUID dataNetId, UUID memberId, Instant since) {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) locked")
                .setParameter(1, "upload-quota:" + dataNetId + ":" + memberId)
                .getSingleResult();
        return em.createQuery(
                        "select coalesce(sum(u.recordsAdded), 0) from Upload u where u.dataNetId = :d"
                                + " and u.contributor.memberId = :m and u.createdAt >= :since",
                        Long.class)
                .setParameter("d", dataNetId)
                .setParameter("m", memberId)
                .setParameter("since", since)
                .getSingleResult();
    }
}
