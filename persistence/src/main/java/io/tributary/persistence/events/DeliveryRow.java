package io.tributary.persistence.events;

import java.time.Instant;
import java.util.UUID;

/** One delivery with the event it carries, as staff list them. */
public record DeliveryRow(
        UUID id,
        UUID eventId,
        String type,
        String subject,
        UUID tenantId,
        Instant occurredAt,
        String observer,
        DeliveryStatus status,
        int attempts,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        Instant deliveredAt,
        String lastError) {}
