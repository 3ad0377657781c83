package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.DomainClaim;
import java.time.Instant;
import java.util.UUID;

/**
 * A claim to an e-mail domain, with the TXT record that proves it (publish {@code recordValue} at {@code recordName}).
 *
 * @param status pending, verified or rejected
 */
public record DomainClaimView(
        UUID id,
        UUID tenantId,
        String domain,
        String status,
        String recordName,
        String recordValue,
        String decidedBy,
        Instant createdAt,
        Instant decidedAt) {

    static DomainClaimView of(DomainClaim c) {
        return new DomainClaimView(
                c.getId(),
                c.getTenantId(),
                c.getDomain(),
                c.getStatus().name().toLowerCase(),
                c.getRecordName(),
                c.getRecordValue(),
                c.getDecidedBy(),
                c.getCreatedAt(),
                c.getDecidedAt());
    }

    /** Whether it still waits for its DNS proof or staff's decision. */
    public boolean pending() {
        return "pending".equals(status);
    }
}
