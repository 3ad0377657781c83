package io.tributary.persistence.curation;

import java.util.UUID;

/** One validator's votes on decided records of a DataNet and how many of them matched the decision. */
public record ValidatorTally(UUID validatorMemberId, long decidedVotes, long agreed) {}
