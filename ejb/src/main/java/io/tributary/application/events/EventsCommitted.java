package io.tributary.application.events;

import java.util.UUID;

/** A lightweight CDI signal fired with each publication; the courier observes it after commit to deliver at once. */
public record EventsCommitted(UUID eventId) {}
