package io.tributary.application.curation;

import java.util.UUID;

/** Fired when a DataNet release is published; the chain context anchors its Merkle root. */
public record ReleasePublished(UUID releaseId, UUID dataNetId, int version, String merkleRoot, int recordCount) {}
