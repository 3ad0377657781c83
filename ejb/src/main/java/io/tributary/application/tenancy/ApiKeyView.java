package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.ApiKey;
import io.tributary.persistence.tenancy.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key without its secret: an organization service key, or (with {@code memberId}) a member's personal access
 * token, whose roles are its scopes.
 *
 * @param kind {@code service-key} or {@code personal-access-token}
 */
public record ApiKeyView(
        UUID id,
        String kind,
        String name,
        String prefix,
        List<String> roles,
        UUID memberId,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        Instant lastUsedAt) {

    public static ApiKeyView of(ApiKey k) {
        return new ApiKeyView(
                k.getId(),
                k.isPersonal() ? "personal-access-token" : "service-key",
                k.getName(),
                k.getPrefix(),
                k.getRoles().stream().map(Role::key).toList(),
                k.getMemberId(),
                k.getCreatedBy(),
                k.getCreatedAt(),
                k.getExpiresAt(),
                k.getRevokedAt(),
                k.getLastUsedAt());
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean personal() {
        return memberId != null;
    }
}
