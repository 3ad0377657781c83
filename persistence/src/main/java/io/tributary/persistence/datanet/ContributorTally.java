package io.tributary.persistence.datanet;

import java.util.UUID;

/** One contributor's accepted and decided record counts in a DataNet. */
public record ContributorTally(UUID memberId, long accepted, long decided) {}
