package io.tributary.application.events;

/**
 * Reacts to one type of {@link DomainEvent}. Implement it on a {@code @Stateless} bean (or an {@code @ApplicationScoped}
 * one) in the observing context; every deployed observer is found at start and gets its own delivery of each event
 * published after that, recorded and retried on its own.
 *
 * <p>Delivery is at least once, so {@link #observe} must be idempotent: handling the same event twice has the effect of
 * handling it once. It runs inside the delivery's transaction: what it writes to the database commits together with
 * "delivered" and rolls back with a failure, so database effects happen exactly once; effects outside the database
 * (a chain transaction, an e-mail) must check whether they already happened. Throwing any exception fails the attempt:
 * the message is shown to staff and the delivery is retried with exponential back-off (see {@link RetrySchedule}).
 *
 * @param <E> the event type observed; the class must name it directly ({@code implements EventObserver<X>})
 */
public interface EventObserver<E extends DomainEvent> {

    void observe(E event);
}
