package io.tributary.application.tenancy;

import io.tributary.application.Actor;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
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

    public List<NotificationView> latest(Actor actor) {
        return notifications(actor, PageRequest.FIRST).map(NotificationView::of).items();
    }

    /** The actor's notifications, newest first. */
    public Page<NotificationView> page(Actor actor, PageRequest page) {
        return notifications(actor, page).map(NotificationView::of);
    }

    private Page<Notification> notifications(Actor actor, PageRequest page) {
        return actor.memberId() == null
                ? new Page<>(List.of(), page, 0)
                : notifications.ofMember(actor.memberId(), page);
    }

    public long unread(Actor actor) {
        return actor.memberId() == null ? 0 : notifications.unread(actor.memberId());
    }

    public void markAllRead(Actor actor) {
        if (actor.memberId() != null) {
            notifications.markAllRead(actor.memberId(), Instant.now());
        }
    }
}
