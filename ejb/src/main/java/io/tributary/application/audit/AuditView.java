package io.tributary.application.audit;

import io.tributary.persistence.audit.AuditEntry;
import java.time.Instant;
import java.util.UUID;

/** One audit entry as the API and the audit pages show it. */
public record AuditView(
        long id, UUID tenantId, String actor, String action, String target, String outcome, String detail, Instant at) {

    static AuditView of(AuditEntry e) {
        return new AuditView(
                e.getId(),
                e.getTenantId(),
                e.getActor(),
                e.getAction(),
                e.getTarget(),
                e.getOutcome().name(),
                e.getDetail(),
                e.getAt());
    }
}
