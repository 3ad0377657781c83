package io.tributary.persistence.datanet;

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

    public Page<Upload> ofContributor(UUID memberId, PageRequest page) {
        String where = " from Upload u where u.contributor.memberId = :m";
        return Page.of(
                em.createQuery("select u" + where + " order by u.createdAt desc, u.id", Upload.class)
                        .setParameter("m", memberId),
                em.createQuery("select count(u)" + where, Long.class).setParameter("m", memberId),
                page);
    }

    /** Records a contributor added to a DataNet since the given instant (for the daily quota). */
    public long recordsSince(UUID dataNetId, UUID memberId, Instant since) {
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
