package io.tributary.application;

import io.tributary.persistence.tenancy.Role;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who is acting: a signed-in member, an API key, or platform staff. Carries the tenant the action is confined to (none
 * for staff working in the admin console) and the roles held there.
 *
 * @param tenantId the tenant acted in; null only for platform staff outside any tenant
 * @param memberId the member, or null for an API key
 * @param name what the audit log shows: an e-mail or "api-key:NAME"
 * @param roles roles held in that tenant, plus {@link Role#PLATFORM_ADMIN} for staff
 */
public record Actor(UUID tenantId, UUID memberId, String name, Set<Role> roles) implements Serializable {

    public Actor {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isPlatformAdmin() {
        return has(Role.PLATFORM_ADMIN);
    }

    /** The tenant this actor works in; staff outside a tenant have none, which tenant-scoped services refuse. */
    public UUID requireTenant() {
        if (tenantId == null) {
            throw new AccessDenied("This action needs an organization; platform staff act through the admin console.");
        }
        return tenantId;
    }
}
