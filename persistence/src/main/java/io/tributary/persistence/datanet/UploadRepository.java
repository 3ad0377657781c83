package io.tributary.persistence.datanet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Uploads and the quota arithmetic on them. */
@ApplicationScoped
public class UploadRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Upload upload) {
        em.persist(upload);
    }

    public List<Upload> ofContributor(UUID memberId, int max) {
        return em.createQuery(
                        "select u from Upload u where u.contributor.memberId = :m order by u.createdAt desc",
                        Upload.class)
                .setParameter("m", memberId)
                .setMaxResults(max)
                .getResultList();
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
