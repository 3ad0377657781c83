package io.tributary.application.curation;

import io.tributary.persistence.curation.Release;
import java.time.Instant;
import java.util.UUID;

/** A published release as pages and the API show it; the publisher's e-mail only to the owner's organization. */
public record ReleaseView(
        UUID id,
        int version,
        String merkleRoot,
        int recordCount,
        String publishedBy,
        Instant publishedAt,
        String anchorTransaction,
        Long anchoredBlock) {

    /** Who published a release, as other organizations see it. */
    public static final String PUBLISHED_BY_OWNER = "the DataNet's owner";

    public static ReleaseView of(Release r, boolean ownerOrganization) {
        return new ReleaseView(
                r.getId(),
                r.getVersion(),
                r.getMerkleRoot(),
                r.getRecordCount(),
                ownerOrganization ? r.getPublishedBy() : PUBLISHED_BY_OWNER,
                r.getPublishedAt(),
                r.getAnchorTransaction(),
                r.getAnchoredBlock());
    }
}
