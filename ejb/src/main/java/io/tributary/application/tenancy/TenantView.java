package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.Tenant;
import io.tributary.persistence.tenancy.TenantStatus;
import java.time.Instant;
import java.util.UUID;

/** A tenant as the admin console and its API show it, with its usage (counts only in lists, where they are computed). */
public record TenantView(
        UUID id, String alias, String name, String status, Long members, Long activeApiKeys, Instant createdAt) {

    static TenantView of(Tenant t, Long members, Long activeApiKeys) {
        return new TenantView(
                t.getId(), t.getAlias(), t.getName(), t.getStatus().name(), members, activeApiKeys, t.getCreatedAt());
    }

    static TenantView of(Tenant t) {
        return of(t, null, null);
    }

    /** Whether its members may sign in and its keys are accepted. */
    public boolean active() {
        return TenantStatus.ACTIVE.name().equals(status);
    }
}
