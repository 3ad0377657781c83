package io.tributary.application.curation;

import io.tributary.chain.Bytes32;
import io.tributary.persistence.curation.Release;
import java.time.Instant;
import java.util.UUID;

/**
 * A published release as pages and the API show it; the publisher's e-mail only to the owner's organization.
 *
 * @param anchorChainId the chain the root is anchored on (null until anchored, and for anchors older than V20)
 * @param anchorRegistry the ProvenanceRegistry holding the root (null as {@code anchorChainId})
 * @param anchoredUnder what the registry's subject for the root is: {@code releaseId}, or {@code dataNetId} for
 *     releases anchored before V20; null until anchored
 */
public record ReleaseView(
        UUID id,
        int version,
        String merkleRoot,
        int recordCount,
        String publishedBy,
        Instant publishedAt,
        String anchorTransaction,
        Long anchoredBlock,
        Long anchorChainId,
        String anchorRegistry,
        String anchoredUnder) {

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
                r.getAnchoredBlock(),
                r.getAnchorChainId(),
                r.getAnchorRegistry(),
                r.getAnchorSubject() == null
                        ? null
                        : Bytes32.of(r.getAnchorSubject()).equals(Bytes32.fromUuid(r.getId()))
                                ? "releaseId"
                                : "dataNetId");
    }
}
