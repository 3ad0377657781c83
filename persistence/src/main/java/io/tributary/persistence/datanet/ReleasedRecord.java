package io.tributary.persistence.datanet;

import java.util.UUID;

/** One record of a release as its export writes it: the leaf's inputs plus the contributor and the fields (JSON). */
public record ReleasedRecord(UUID contributionId, String contentHash, UUID memberId, String email, String fields) {}
