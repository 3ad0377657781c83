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
 * @param keyId the API key or personal access token the request came with, or null
 * @param accountableMember who answers for the action: the member, or for a service key the member who issued it
 */
public record Actor(UUID tenantId, UUID memberId, String name, Set<Role> roles, UUID keyId, UUID accountableMember)
        implements Serializable {

    public Actor {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        if (accountableMember == null) {
            accountableMember = memberId;
        }
    }

    /** A member (or staff, or the scheduler) acting without an API key. */
    public Actor(UUID tenantId, UUID memberId, String name, Set<Role> roles) {
        this(tenantId, memberId, name, roles, null, null);
    }

    /**
     * Who this caller is for idempotency keys: a member (in person or through their token), else the key, else the
     * name (the scheduler).
     */
    public String caller() {
        return memberId != null ? "member:" + memberId : keyId != null ? "key:" + keyId : "name:" + name;
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
