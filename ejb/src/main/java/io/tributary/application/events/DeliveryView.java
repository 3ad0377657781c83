package io.tributary.application.events;

import io.tributary.persistence.events.DeliveryRow;
import io.tributary.persistence.events.DeliveryStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to one observer, as staff see it.
 *
 * @param status PENDING, FAILED or DELIVERED
 * @param nextAttemptAt when the courier tries again; null once delivered, or once a failing delivery stopped retrying
 * @param retryable whether staff may retry it now (failed deliveries)
 */
public record DeliveryView(
        UUID id,
        UUID eventId,
        String type,
        String subject,
        UUID tenantId,
        Instant occurredAt,
        String observer,
        String status,
        int attempts,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        Instant deliveredAt,
        String lastError,
        boolean retryable) {

    static DeliveryView of(DeliveryRow row) {
        return new DeliveryView(
                row.id(),
                row.eventId(),
                row.type(),
                row.subject(),
                row.tenantId(),
                row.occurredAt(),
                row.observer().substring(row.observer().lastIndexOf('.') + 1),
                row.status().name(),
                row.attempts(),
                row.nextAttemptAt(),
                row.lastAttemptAt(),
                row.deliveredAt(),
                row.lastError(),
                row.status() == DeliveryStatus.FAILED);
    }
}
