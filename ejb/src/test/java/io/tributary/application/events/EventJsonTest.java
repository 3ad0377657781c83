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

/** Events stored in the outbox before retrieval existed read back without it (JSON-B fills the missing field). */
class EventJsonTest {

    @Test
    void aServedAnswerWithRetrievedRecordsRoundTripsAndAnOlderOneReadsWithNone() {
        InferenceServed served = new InferenceServed(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "prompt",
                "answer",
                3,
                4,
                BigInteger.TEN,
                "TRIB",
                UUID.randomUUID(),
                true,
                Instant.parse("2026-12-06T10:00:00Z"),
                List.of(UUID.randomUUID(), UUID.randomUUID()));
        String json = EventObservers.toJson(served);
        assertThat(EventObservers.fromJson(json, InferenceServed.class)).isEqualTo(served);
        String older = json.replaceAll(",?\"retrievedRecordIds\":\\[[^\\]]*\\]", "");
        assertThat(older).doesNotContain("retrievedRecordIds");
        InferenceServed read = EventObservers.fromJson(older, InferenceServed.class);
        assertThat(read.retrievedRecordIds()).isEmpty();
        assertThat(read.receiptId()).isEqualTo(served.receiptId());
    }

    @Test
    void aPublishedVersionWithRetrievalRoundTripsAndAnOlderOneReadsWithout() {
        ModelPublished published =
                new ModelPublished(UUID.randomUUID(), UUID.randomUUID(), "facts", 2, "b", "a", BigDecimal.ONE, 3);
        String json = EventObservers.toJson(published);
        assertThat(EventObservers.fromJson(json, ModelPublished.class)).isEqualTo(published);
        String older = json.replaceAll(",?\"retrievalTopK\":3", "");
        assertThat(EventObservers.fromJson(older, ModelPublished.class).retrievalTopK())
                .isNull();
    }
}
