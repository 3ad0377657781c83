package io.tributary.persistence.datanet;

import java.util.UUID;

/** What a release's Merkle leaf commits to for one record: its id, its content hash, its contributing member. */
public record LeafInput(UUID contributionId, String contentHash, UUID memberId) {}
