package io.tributary.application.events;

import java.util.UUID;

/**
 * Something a context did that other contexts react to: a record in the package of the context that fires it, named
 * in the past tense ({@code ReleasePublished}). Its components are its stored payload (JSON), so they are values
 * (ids, numbers, text, instants, enums), never entities.
 */
public interface DomainEvent {

    /** What the event is about, for people reading the outbox, such as {@code release:<id>}. */
    String subject();

    /** The organization the event belongs to, or null for the platform's own events. Observers run in its context. */
    default UUID tenantId() {
        return null;
    }
}
