package io.tributary.application.events;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InvalidInput;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.events.DeliveryStatus;
import io.tributary.persistence.events.EventDelivery;
import io.tributary.persistence.events.OutboxRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The outbox as platform staff follow it: every delivery with its status, attempts and last error; retry on demand. */
@Stateless
public class EventLog {

    @Inject
    OutboxRepository outbox;

    @Inject
    AuditLog audit;

    @Inject
    Event<EventsCommitted> committed;

    /** Deliveries, newest events first; {@code type} and {@code status} filter when given. */
    public Page<DeliveryView> deliveries(Actor actor, String type, String status, PageRequest page) {
        requireStaff(actor);
        return outbox.rows(blankToNull(type), status(status), page).map(DeliveryView::of);
    }

    public DeliveryView delivery(Actor actor, UUID id) {
        requireStaff(actor);
        return outbox.row(id).map(DeliveryView::of).orElseThrow(() -> new NotFound("No event delivery " + id + "."));
    }

    /** The event types published so far. */
    public List<String> types(Actor actor) {
        requireStaff(actor);
        return outbox.types();
    }

    /** Makes a failed delivery due now and delivers it right after this commits; its history stays. */
    public DeliveryView retry(Actor actor, UUID id) {
        requireStaff(actor);
        EventDelivery delivery = outbox.lock(id).orElseThrow(() -> new NotFound("No event delivery " + id + "."));
        if (delivery.getStatus() != DeliveryStatus.FAILED) {
            throw new Conflict("Only failed deliveries are retried; this one is "
                    + delivery.getStatus().name().toLowerCase(Locale.ROOT) + ".");
        }
        delivery.retryNow(Instant.now());
        audit.changed(
                actor,
                null,
                "event.retry",
                id.toString(),
                "retry of " + delivery.getObserver() + " after " + delivery.getAttempts() + " attempts");
        committed.fire(new EventsCommitted(delivery.getEventId()));
        return outbox.row(id).map(DeliveryView::of).orElseThrow();
    }

    private static DeliveryStatus status(String status) {
        if (status == null || status.isBlank()) return null;
        try {
            return DeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", "The status is one of " + Arrays.toString(DeliveryStatus.values()) + ".");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static void requireStaff(Actor actor) {
        if (!actor.isPlatformAdmin() || actor.tenantId() != null) {
            throw new AccessDenied("Only platform staff see the event outbox, from the admin console.");
        }
    }
}
