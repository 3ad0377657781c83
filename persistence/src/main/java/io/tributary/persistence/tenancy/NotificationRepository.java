package io.tributary.persistence.tenancy;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.UUID;

/** Members' in-app notifications. */
@ApplicationScoped
public class NotificationRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Notification notification) {
        em.persist(notification);
    }

    /** A member's notifications, newest first. */
    public Page<Notification> ofMember(UUID memberId, PageRequest page) {
        return Page.of(
                em.createQuery(
                                "select n from Notification n where n.memberId = :m order by n.createdAt desc, n.id",
                                Notification.class)
                        .setParameter("m", memberId),
                em.createQuery("select count(n) from Notification n where n.memberId = :m", Long.class)
                        .setParameter("m", memberId),
                page);
    }

    /** Marks every unread notification of a member read, in one statement. */
    public int markAllRead(UUID memberId, Instant at) {
        return em.createQuery("update Notification n set n.readAt = :at where n.memberId = :m and n.readAt is null")
                .setParameter("at", at)
                .setParameter("m", memberId)
                .executeUpdate();
    }

    public long unread(UUID memberId) {
        return em.createQuery(
                        "select count(n) from Notification n where n.memberId = :m and n.readAt is null", Long.class)
                .setParameter("m", memberId)
                .getSingleResult();
    }
}
