package io.tributary.application.datanet;

import io.tributary.persistence.datanet.ContributionRules;
import io.tributary.persistence.datanet.DataNet;
import io.tributary.persistence.datanet.ReviewPolicy;
import io.tributary.persistence.datanet.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A DataNet with its rules and review policy, as pages and the API show it; {@code ownOrganization} says whether the
 * viewer's organization owns it.
 */
public record DataNetView(
        UUID id,
        String name,
        String domain,
        String description,
        List<String> tags,
        String recordType,
        String licence,
        Visibility visibility,
        ContributionRules rules,
        ReviewPolicy reviewPolicy,
        Instant createdAt,
        boolean ownOrganization) {

    static DataNetView of(DataNet d, UUID viewerTenantId) {
        return new DataNetView(
                d.getId(),
                d.getName(),
                d.getDomain(),
                d.getDescription(),
                d.getTags(),
                d.getRecordType(),
                d.getLicence(),
                d.getVisibility(),
                d.rules(),
                d.reviewPolicy(),
                d.getCreatedAt(),
                viewerTenantId != null && d.isOwnedBy(viewerTenantId));
    }
}
