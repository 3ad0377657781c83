package io.tributary.application.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.application.curation.ContributionDecided;
import io.tributary.application.curation.ReleasePublished;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.datanet.ContributionStatus;
import io.tributary.persistence.events.DueDelivery;
import jakarta.ejb.EJBTransactionRolledbackException;
import java.net.ConnectException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The courier's logic without a server: each due delivery is attempted once per drain in its event's tenant, a failing
 * observer is recorded as failed without touching the others, deliveries another node holds are left to it, and a
 * drain asked for while one runs is not lost.
 */
class EventCourierTest {

    /** The outbox in memory: a delivery is due until it is delivered or failed. */
    static class Outbox extends DeliveryAttempt {
        final Map<UUID, UUID> due = new LinkedHashMap<>();
        final Map<UUID, Function<UUID, Boolean>> behaviour = new LinkedHashMap<>();
        final List<UUID> delivered = new ArrayList<>();
        final Map<UUID, String> failures = new LinkedHashMap<>();
        final Map<UUID, Optional<UUID>> tenantSeen = new LinkedHashMap<>();
        int dueQueries;

        UUID add(UUID tenant, Function<UUID, Boolean> observer) {
            UUID id = UUID.randomUUID();
            due.put(id, tenant);
            behaviour.put(id, observer);
            return id;
        }

        @Override
        public List<DueDelivery> due(int limit) {
            dueQueries++;
            return due.entrySet().stream()
                    .limit(limit)
                    .map(e -> new DueDelivery(e.getKey(), e.getValue()))
                    .toList();
        }

        @Override
        public boolean deliver(UUID deliveryId) {
            tenantSeen.put(deliveryId, TenantContext.tenant());
            boolean ours = behaviour.get(deliveryId).apply(deliveryId);
            if (ours) {
                due.remove(deliveryId);
                delivered.add(deliveryId);
            }
            return ours;
        }

        @Override
        public void failed(UUID deliveryId, String error) {
            due.remove(deliveryId);
            failures.put(deliveryId, error);
        }
    }

    private static EventCourier courier(Outbox outbox) {
        EventCourier courier = new EventCourier();
        courier.attempts = outbox;
        return courier;
    }

    @Test
    void aFailingObserverIsRecordedAndTheOthersAreStillDelivered() {
        Outbox outbox = new Outbox();
        UUID tenant = UUID.randomUUID();
        UUID first = outbox.add(tenant, id -> true);
        UUID failing = outbox.add(null, id -> {
            throw new EJBTransactionRolledbackException(
                    "rolled back",
                    new IllegalStateException("Chain node unreachable", new ConnectException("Connection refused")));
        });
        UUID last = outbox.add(null, id -> true);

        courier(outbox).drain();

        assertThat(outbox.delivered).containsExactly(first, last);
        assertThat(outbox.failures).containsOnlyKeys(failing);
        assertThat(outbox.failures.get(failing))
                .isEqualTo(
                        "IllegalStateException: Chain node unreachable (cause: ConnectException: Connection refused)");
        assertThat(outbox.tenantSeen.get(first)).contains(tenant);
        assertThat(outbox.tenantSeen.get(last))
                .as("platform events run as the platform")
                .isEmpty();
        assertThat(TenantContext.tenant()).as("the thread is left as it was").isEmpty();
    }

    @Test
    void deliveriesAnotherNodeHoldsAreLeftToItAndTheDrainEnds() {
        Outbox outbox = new Outbox();
        UUID elsewhere = outbox.add(null, id -> false);

        courier(outbox).drain();

        assertThat(outbox.delivered).isEmpty();
        assertThat(outbox.failures).isEmpty();
        assertThat(outbox.due).containsKey(elsewhere);
        assertThat(outbox.dueQueries).isEqualTo(1);
    }

    @Test
    void manyDueDeliveriesAreWorkedThroughBatchByBatch() {
        Outbox outbox = new Outbox();
        for (int i = 0; i < EventCourier.BATCH * 3 + 1; i++) outbox.add(null, id -> true);

        courier(outbox).drain();

        assertThat(outbox.delivered).hasSize(EventCourier.BATCH * 3 + 1);
        assertThat(outbox.due).isEmpty();
    }

    @Test
    void aDrainAskedForWhileOneRunsMakesItGoRoundAgain() {
        Outbox outbox = new Outbox();
        EventCourier courier = courier(outbox);
        UUID[] late = new UUID[1];
        outbox.add(null, id -> {
            // published while this drain delivers: its commit asks for a drain, which must not be lost
            late[0] = outbox.add(null, other -> true);
            courier.drain();
            return true;
        });

        courier.drain();

        assertThat(outbox.delivered).contains(late[0]);
        assertThat(outbox.due).isEmpty();
    }

    @Test
    void failuresAreDescribedWithoutTheContainersWrappers() {
        assertThat(EventCourier.describe(new jakarta.ejb.EJBException(new IllegalStateException("no key"))))
                .isEqualTo("IllegalStateException: no key");
        assertThat(EventCourier.describe(new RuntimeException((String) null))).isEqualTo("RuntimeException");
    }

    @Test
    void observersAreMatchedToTheEventTypeTheyName() {
        class Anchors implements EventObserver<ReleasePublished> {
            @Override
            public void observe(ReleasePublished event) {}
        }
        class Subclass extends Anchors {}
        assertThat(EventObservers.eventTypeOf(Anchors.class)).isEqualTo(ReleasePublished.class);
        assertThat(EventObservers.eventTypeOf(Subclass.class)).isEqualTo(ReleasePublished.class);
    }

    @Test
    void payloadsRoundTripAsTheirRecords() {
        ContributionDecided decided = new ContributionDecided(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Clinical Q&A",
                7,
                UUID.randomUUID(),
                UUID.randomUUID(),
                ContributionStatus.ACCEPTED,
                "accepted by 2 validators",
                Instant.parse("2026-12-06T04:00:00.123456Z"));
        String json = EventObservers.toJson(decided);
        assertThat(json).contains("\"status\":\"ACCEPTED\"").doesNotContain("subject");
        assertThat(EventObservers.fromJson(json, ContributionDecided.class)).isEqualTo(decided);

        ReleasePublished published = new ReleasePublished(UUID.randomUUID(), UUID.randomUUID(), 3, "0xab", 12);
        assertThat(EventObservers.fromJson(EventObservers.toJson(published), ReleasePublished.class))
                .isEqualTo(published);
    }
}
