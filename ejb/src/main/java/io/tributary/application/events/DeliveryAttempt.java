package io.tributary.application.events;

import io.tributary.application.Settings;
import io.tributary.persistence.events.DeliveryStatus;
import io.tributary.persistence.events.DueDelivery;
import io.tributary.persistence.events.EventDelivery;
import io.tributary.persistence.events.OutboxEvent;
import io.tributary.persistence.events.OutboxRepository;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The courier's transactions: what is due, one delivery to one observer, and recording a failed attempt. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryAttempt {

    @Inject
    OutboxRepository outbox;

    @Inject
    EventObservers observers;

    @Resource
    SessionContext context;

    /** Deliveries due now, the longest waiting first. */
    public List<DueDelivery> due(int limit) {
        Instant now = Instant.now();
        return outbox.due(now, now.minus(holdBack()), limit);
    }

    /**
     * Claims the delivery ({@code FOR UPDATE SKIP LOCKED}) and hands the event to its observer in this transaction;
     * false when there was nothing to do here (delivered meanwhile, not due, or another node has it). An observer's
     * exception rolls everything back, including what the observer wrote, and reaches the caller.
     */
    public boolean deliver(UUID deliveryId) {
        Instant now = Instant.now();
        EventDelivery delivery =
                outbox.claim(deliveryId, now, now.minus(holdBack())).orElse(null);
        if (delivery == null) return false;
        OutboxEvent event = outbox.event(delivery.getEventId()).orElseThrow();
        EventObservers.Registered observer = observers
                .named(delivery.getObserver())
                .orElseThrow(() -> new IllegalStateException(
                        "No observer " + delivery.getObserver() + " is deployed on this server"));
        try {
            observer.deliver(event.getPayload());
        } catch (RuntimeException e) {
            // Application exceptions would otherwise commit the observer's half-done writes.
            context.setRollbackOnly();
            throw e;
        }
        delivery.delivered(Instant.now());
        return true;
    }

    /** Records a failed attempt and schedules the next one (or none, once attempts run out). */
    public void failed(UUID deliveryId, String error) {
        outbox.lock(deliveryId).ifPresent(delivery -> {
            if (delivery.getStatus() == DeliveryStatus.DELIVERED) return;
            Instant now = Instant.now();
            delivery.failed(
                    now,
                    error,
                    RetrySchedule.next(delivery.getAttempts() + 1, now).orElse(null));
        });
    }

    /** Fault tests only: how long events wait before their first delivery (see Settings.FAULT_EVENT_DELAY). */
    static Duration holdBack() {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(Settings.FAULT_EVENT_DELAY.value())));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
