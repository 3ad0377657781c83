package io.tributary.application.factory;

import io.tributary.application.events.DomainEvent;
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

    // One constructor only: the outbox rebuilds events with JSON-B, which refuses a record with several.

    @Override
    public String subject() {
        return "model-version:" + versionId;
    }
}
