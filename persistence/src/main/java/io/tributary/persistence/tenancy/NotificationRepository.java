package io.tributary.persistence.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/** Members' in-app notifications. */
@ApplicationScoped
public class NotificationRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Notification notification) {
        em.persist(notification);
    }

    public List<Notification> ofMember(UUID memberId, int max) {
        return em.createQuery(
                        "select n from Notification n where n.memberId = :m order by n.createdAt desc",
                        Notification.class)
                .setParameter("m", memberId)
                .setMaxResults(max)
                .getResultList();
    }

    public long unread(UUID memberId) {
        return em.createQuery(
                        "select count(n) from Notification n where n.memberId = :m and n.readAt is null", Long.class)
                .setParameter("m", memberId)
                .getSingleResult();
    }
}
