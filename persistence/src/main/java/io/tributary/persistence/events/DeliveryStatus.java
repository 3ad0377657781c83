package io.tributary.persistence.events;

/** Where one event's delivery to one observer stands. */
public enum DeliveryStatus {
    /** Not delivered yet, and no attempt has failed. */
    PENDING,
    /** The last attempt failed; retried at the next attempt time, or only when staff retry it if there is none. */
    FAILED,
    /** The observer handled the event; never delivered to it again. */
    DELIVERED
}
