package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.Notification;
import java.time.Instant;
import java.util.UUID;

/** One in-app notification. */
public record NotificationView(UUID id, String message, String link, Instant at, boolean read) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.getId(), n.getMessage(), n.getLink(), n.getCreatedAt(), n.isRead());
    }
}
