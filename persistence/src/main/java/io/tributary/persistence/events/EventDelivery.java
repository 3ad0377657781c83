package io.tributary.persistence.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to one observer: its attempts, when the next is due, and the last failure, so each observer is
 * retried on its own and staff see what is stuck and why.
 */
@Entity
@Table(name = "event_delivery")
public class EventDelivery {

    /** Longest stored error text; a stack of causes is cut, not refused. */
    public static final int MAX_ERROR = 2000;

    @Id
    private UUID id;

    @Column(name = "event_id", nullable = false, updatable = false)
    private UUID eventId;

    /** The observer's bean class name. */
    @Column(nullable = false, updatable = false)
    private String observer;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeliveryStatus status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "last_error")
    private String lastError;

    protected EventDelivery() {}

    public EventDelivery(UUID eventId, String observer, Instant due) {
        this.id = UUID.randomUUID();
        this.eventId = eventId;
        this.observer = observer;
        this.status = DeliveryStatus.PENDING;
        this.nextAttemptAt = due;
    }

    /** The observer handled the event. */
    public void delivered(Instant at) {
        attempts++;
        status = DeliveryStatus.DELIVERED;
        lastAttemptAt = at;
        deliveredAt = at;
        nextAttemptAt = null;
    }

    /** An attempt failed; the next is due at {@code retryAt}, or never (until staff retry) when that is null. */
    public void failed(Instant at, String error, Instant retryAt) {
        attempts++;
        status = DeliveryStatus.FAILED;
        lastAttemptAt = at;
        lastError = error == null ? "(no message)" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        nextAttemptAt = retryAt;
    }

    /** Staff asked for another attempt now; the failure history (attempts, last error) stays. */
    public void retryNow(Instant at) {
        nextAttemptAt = at;
    }

    public UUID getId() {
        return id;
    }

    public UUID getEventId() {
        return eventId;
    }

    public String getObserver() {
        return observer;
    }

    public DeliveryStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getLastAttemptAt() {
        return lastAttemptAt;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }

    public String getLastError() {
        return lastError;
    }
}
