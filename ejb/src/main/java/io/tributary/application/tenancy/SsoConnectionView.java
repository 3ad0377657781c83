package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.SsoConnection;
import java.util.List;
import java.util.UUID;

/** An SSO connection as shown (the client secret is never returned); {@code active} once its domain is verified. */
public record SsoConnectionView(
        UUID id,
        String displayName,
        String issuerUrl,
        String clientId,
        String emailDomain,
        List<String> roles,
        boolean active) {

    static SsoConnectionView of(SsoConnection c, boolean active) {
        return new SsoConnectionView(
                c.getId(),
                c.getDisplayName(),
                c.getIssuerUrl(),
                c.getClientId(),
                c.getEmailDomain(),
                c.getDefaultRoles().stream().map(Role::key).toList(),
                active);
    }
}
