package io.tributary.application.factory;

import io.tributary.application.events.DomainEvent;
import jakarta.json.bind.annotation.JsonbCreator;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A model version was published: serving may load it, attribution may score its inferences.
 *
 * @param retrievalTopK records serving retrieves into each prompt from the version's DataNet releases (null: none)
 */
public record ModelPublished(
        UUID tenantId,
        UUID versionId,
        String name,
        int version,
        String baseSha256,
        String adapterSha256,
        BigDecimal pricePer1kTokens,
        Integer retrievalTopK)
        implements DomainEvent {

    /** The one constructor JSON-B reads the outbox's events with (an event stored before retrieval lacks the k). */
    @JsonbCreator
    public ModelPublished {}

    /** A version that answers without retrieval. */
    public ModelPublished(
            UUID tenantId,
            UUID versionId,
            String name,
            int version,
            String baseSha256,
            String adapterSha256,
            BigDecimal pricePer1kTokens) {
        this(tenantId, versionId, name, version, baseSha256, adapterSha256, pricePer1kTokens, null);
    }

    @Override
    public String subject() {
        return "model-version:" + versionId;
    }
}
