package io.tributary.application.factory;

import io.tributary.application.events.DomainEvent;
import java.math.BigDecimal;
import java.util.UUID;

/** A model version was published: serving may load it, attribution may score its inferences. */
public record ModelPublished(
        UUID tenantId,
        UUID versionId,
        String name,
        int version,
        String baseSha256,
        String adapterSha256,
        BigDecimal pricePer1kTokens)
        implements DomainEvent {

    @Override
    public String subject() {
        return "model-version:" + versionId;
    }
}
