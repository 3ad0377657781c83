package io.tributary.application.tenancy;

import io.tributary.application.Actor;
import io.tributary.persistence.tenancy.Notification;
import io.tributary.persistence.tenancy.NotificationRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Members' in-app notifications: written with the change that causes them, read on the member's own page. */
@Stateless
public class Inbox {

    @Inject
    NotificationRepository notifications;

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void notify(UUID tenantId, UUID memberId, String message, String link) {
        notifications.add(new Notification(tenantId, memberId, message, link));
    }

    public List<Notification> latest(Actor actor) {
        return actor.memberId() == null ? List.of() : notifications.ofMember(actor.memberId(), 50);
    }

    public long unread(Actor actor) {
        return actor.memberId() == null ? 0 : notifications.unread(actor.memberId());
    }

    public void markAllRead(Actor actor) {
        Instant now = Instant.now();
        latest(actor).forEach(n -> n.read(now));
    }
}
