package io.tributary.persistence.events;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Outbox events and their deliveries. */
@ApplicationScoped
public class OutboxRepository {

    private static final String ROW = "select new io.tributary.persistence.events.DeliveryRow(d.id, e.id, e.type,"
            + " e.subject, e.tenantId, e.occurredAt, d.observer, d.status, d.attempts, d.nextAttemptAt,"
            + " d.lastAttemptAt, d.deliveredAt, d.lastError) from EventDelivery d, OutboxEvent e"
            + " where e.id = d.eventId";

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(OutboxEvent event) {
        em.persist(event);
    }

    public void add(EventDelivery delivery) {
        em.persist(delivery);
    }

    public Optional<OutboxEvent> event(UUID id) {
        return Optional.ofNullable(em.find(OutboxEvent.class, id));
    }

    /**
     * Deliveries due at {@code now} whose events occurred at or before {@code occurredBy}, the longest waiting first.
     * Read without locks: {@link #claim} decides who delivers.
     */
    public List<DueDelivery> due(Instant now, Instant occurredBy, int limit) {
        return em.createQuery(
                        "select new io.tributary.persistence.events.DueDelivery(d.id, e.tenantId)"
                                + " from EventDelivery d, OutboxEvent e where e.id = d.eventId"
                                + " and d.status <> :delivered and d.nextAttemptAt <= :now"
                                + " and e.occurredAt <= :by order by d.nextAttemptAt, d.id",
                        DueDelivery.class)
                .setParameter("delivered", DeliveryStatus.DELIVERED)
                .setParameter("now", now)
                .setParameter("by", occurredBy)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Locks a delivery that is still due for the rest of the transaction, or empty when it is delivered, not due, or
     * locked by another node ({@code FOR UPDATE SKIP LOCKED}): exactly one node attempts it at a time.
     */
    public Optional<EventDelivery> claim(UUID id, Instant now, Instant occurredBy) {
        return em.createNativeQuery(
                        "select d.* from event_delivery d join outbox_event e on e.id = d.event_id"
                                + " where d.id = ?1 and d.status <> 'DELIVERED' and d.next_attempt_at <= ?2"
                                + " and e.occurred_at <= ?3 for update of d skip locked",
                        EventDelivery.class)
                .setParameter(1, id)
                .setParameter(2, now)
                .setParameter(3, occurredBy)
                .getResultStream()
                .findFirst()
                .map(EventDelivery.class::cast);
    }

    /** A delivery locked for an update, waiting for a node that is attempting it. */
    public Optional<EventDelivery> lock(UUID id) {
        return Optional.ofNullable(em.find(EventDelivery.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<DeliveryRow> row(UUID deliveryId) {
        return em.createQuery(ROW + " and d.id = :id", DeliveryRow.class)
                .setParameter("id", deliveryId)
                .getResultStream()
                .findFirst();
    }

    /** Deliveries, newest events first, optionally of one event type and in one status. */
    public Page<DeliveryRow> rows(String type, DeliveryStatus status, PageRequest page) {
        String where = (type == null ? "" : " and e.type = :type") + (status == null ? "" : " and d.status = :status");
        TypedQuery<DeliveryRow> list =
                em.createQuery(ROW + where + " order by e.occurredAt desc, d.id", DeliveryRow.class);
        TypedQuery<Long> count = em.createQuery(
                "select count(d) from EventDelivery d, OutboxEvent e where e.id = d.eventId" + where, Long.class);
        if (type != null) {
            list.setParameter("type", type);
            count.setParameter("type", type);
        }
        if (status != null) {
            list.setParameter("status", status);
            count.setParameter("status", status);
        }
        return Page.of(list, count, page);
    }

    /** The event types seen so far, for filters. */
    public List<String> types() {
        return em.createQuery("select distinct e.type from OutboxEvent e order by e.type", String.class)
                .getResultList();
    }
}
