/**
 * Durable events between contexts (a transactional outbox): {@link io.tributary.application.events.DomainEvents}
 * publishes inside the caller's transaction, the {@link io.tributary.application.events.EventCourier} delivers at least
 * once to every {@link io.tributary.application.events.EventObserver}, with back-off, across a cluster, and
 * {@link io.tributary.application.events.EventLog} shows staff what is pending or failing.
 */
package io.tributary.application.events;
