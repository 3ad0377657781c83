/**
 * The transactional outbox: domain events stored with the change that caused them, and one delivery record per event
 * and observer, which the courier works through at least once, with back-off, across a cluster.
 */
package io.tributary.persistence.events;
