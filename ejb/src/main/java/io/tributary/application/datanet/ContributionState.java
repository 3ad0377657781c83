package io.tributary.application.datanet;

import io.tributary.persistence.datanet.ContributionStatus;
import java.util.UUID;

/** What curation needs to know of a contribution to review it: where it is, whose it is, and its tally so far. */
public record ContributionState(
        UUID id,
        UUID dataNetId,
        UUID contributorTenantId,
        UUID contributorMemberId,
        int position,
        ContributionStatus status,
        int approvals,
        int rejections) {}
