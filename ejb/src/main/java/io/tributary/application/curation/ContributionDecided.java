package io.tributary.application.curation;

import io.tributary.application.events.DomainEvent;
import io.tributary.persistence.datanet.ContributionStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * Published (through the outbox) when curation settles a record's review: accepted or rejected by the validators or
 * the DataNet's owner, or escalated to the owner after a split vote (a ruling then follows as a second event). The
 * contributor is told ({@link DecisionNotices}); later, rewards credit accepted records from it.
 *
 * @param status ACCEPTED, REJECTED or ESCALATED
 * @param outcome the decision in words, such as "accepted by 2 validators"
 */
public record ContributionDecided(
        UUID contributionId,
        UUID dataNetId,
        String dataNetName,
        int position,
        UUID contributorTenantId,
        UUID contributorMemberId,
        ContributionStatus status,
        String outcome,
        Instant decidedAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return "contribution:" + contributionId;
    }

    @Override
    public UUID tenantId() {
        return contributorTenantId;
    }
}
