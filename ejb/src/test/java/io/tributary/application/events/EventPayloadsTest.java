package io.tributary.application.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.application.factory.ModelPublished;
import io.tributary.application.serving.InferenceServed;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Events survive the outbox: stored as JSON and read back as the same record. A record event with a second
 * constructor cannot be read back by JSON-B ("Multiple constructors found"), so its observers never run.
 */
class EventPayloadsTest {

    static <E extends DomainEvent> E roundTrip(E event) {
        @SuppressWarnings("unchecked")
        Class<E> type = (Class<E>) event.getClass();
        return EventObservers.fromJson(EventObservers.toJson(event), type);
    }

    @Test
    void aPublishedModelIsReadBackAsPublished() {
        UUID id = UUID.randomUUID();
        for (Integer topK : new Integer[] {null, 4}) {
            ModelPublished published = new ModelPublished(
                    UUID.randomUUID(), id, "facts", 2, "b".repeat(64), "a".repeat(64), new BigDecimal("1.5"), topK);
            assertThat(roundTrip(published)).isEqualTo(published);
        }
    }

    @Test
    void aServedInferenceIsReadBackWithItsRetrievedRecords() {
        InferenceServed served = new InferenceServed(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "prompt",
                "answer",
                7,
                9,
                BigInteger.valueOf(1_000_003),
                "TRIB",
                UUID.randomUUID(),
                true,
                Instant.parse("2026-12-06T10:00:00Z"),
                List.of(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(roundTrip(served)).isEqualTo(served);
    }
}
