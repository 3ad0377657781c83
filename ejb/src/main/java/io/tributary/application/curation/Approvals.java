package io.tributary.application.curation;

import io.tributary.persistence.curation.ReviewRepository;
import io.tributary.persistence.curation.Verdict;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Which validators approved records, for attribution's background worker (validators share in what records earn). */
@Stateless
public class Approvals {

    /** A validator by organization and member. */
    public record Approver(UUID tenantId, UUID memberId) {}

    @Inject
    ReviewRepository reviews;

    /** The members whose reviews approved each record (records without approvals map to an empty list). */
    public Map<UUID, List<Approver>> of(Collection<UUID> recordIds) {
        Map<UUID, List<Approver>> approvers = new LinkedHashMap<>();
        for (UUID id : recordIds) {
            approvers.put(
                    id,
                    reviews.ofContribution(id).stream()
                            .filter(r -> r.getVerdict() == Verdict.APPROVE && r.getValidatorMemberId() != null)
                            .map(r -> new Approver(r.getValidatorTenantId(), r.getValidatorMemberId()))
                            .distinct()
                            .toList());
        }
        return approvers;
    }
}
