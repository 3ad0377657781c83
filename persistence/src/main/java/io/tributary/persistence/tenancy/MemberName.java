package io.tributary.persistence.tenancy;

import java.util.UUID;

/**
 * What naming a member needs: inside their organization they may be shown by e-mail, outside it only by public name.
 *
 * @param tenantId the member's organization
 */
public record MemberName(UUID id, UUID tenantId, String email, String publicName) {

    /** The name a viewer from {@code viewerTenantId} sees (null for platform staff and anonymous readers). */
    public String as(UUID viewerTenantId) {
        return tenantId.equals(viewerTenantId) ? email : publicName;
    }
}
