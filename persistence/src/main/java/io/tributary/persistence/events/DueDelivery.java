package io.tributary.persistence.events;

import java.util.UUID;

/** A delivery whose next attempt is due, with the tenant its event belongs to (null: the platform's). */
public record DueDelivery(UUID id, UUID tenantId) {}
