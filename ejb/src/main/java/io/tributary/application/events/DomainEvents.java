package io.tributary.application.events;

import io.tributary.persistence.events.EventDelivery;
import io.tributary.persistence.events.OutboxEvent;
import io.tributary.persistence.events.OutboxRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes durable domain events between contexts (the transactional outbox). How to use it:
 *
 * <ol>
 *   <li>Declare the event as a record in the firing context's package, implementing {@link DomainEvent}; give it the
 *       ids and values observers need (it is stored as JSON), and a {@link DomainEvent#subject() subject}:
 *       <pre>{@code
 * public record ModelPublished(UUID modelId, UUID tenantId, String name) implements DomainEvent {
 *     public String subject() { return "model:" + modelId; }
 * }
 * }</pre>
 *   <li>Publish it from the service that makes the change, inside that change's transaction (the method refuses to
 *       run without one): {@code events.publish(new ModelPublished(...))}. The event row commits or rolls back with the
 *       change, so no event announces a change that did not happen and no change goes unannounced.
 *   <li>React in another context with a bean implementing {@link EventObserver EventObserver&lt;ModelPublished&gt;}.
 * </ol>
 *
 * <p>Delivery starts right after the commit (usually well within a second) and is retried with back-off until it
 * succeeds; a periodic sweep on every node is the safety net after a crash. Staff follow it under Admin → Events.
 * For what may be lost (refreshing a page), a plain CDI event observed {@code during = AFTER_SUCCESS} is enough.
 */
@Stateless
public class DomainEvents {

    @Inject
    OutboxRepository outbox;

    @Inject
    EventObservers observers;

    @Inject
    Event<EventsCommitted> committed;

    /**
     * Stores the event and one delivery per observer of its type, in the caller's transaction; returns the event's id.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public UUID publish(DomainEvent event) {
        Instant now = Instant.now();
        OutboxEvent stored = new OutboxEvent(
                event.getClass().getSimpleName(), event.subject(), event.tenantId(), EventObservers.toJson(event), now);
        outbox.add(stored);
        for (String observer : observers.of(event.getClass())) {
            outbox.add(new EventDelivery(stored.getId(), observer, now));
        }
        // Observed after commit only: a rolled-back publication wakes nobody.
        committed.fire(new EventsCommitted(stored.getId()));
        return stored.getId();
    }
}
