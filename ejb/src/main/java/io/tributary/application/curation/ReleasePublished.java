package io.tributary.application.curation;

import io.tributary.application.events.DomainEvent;
import java.util.UUID;

/**
 * Published (through the outbox) with a DataNet release; provenance anchors its Merkle root on chain
 * ({@link io.tributary.application.provenance.ReleaseAnchoring}).
 */
public record ReleasePublished(UUID releaseId, UUID dataNetId, int version, String merkleRoot, int recordCount)
        implements DomainEvent {

    @Override
    public String subject() {
        return "release:" + releaseId;
    }
}
