package io.tributary.persistence.tenancy;

import java.util.Arrays;
import java.util.Optional;

/** What a member may do in Tributary; the key is the name used in Keycloak, the API and the UI. */
public enum Role {
    CONTRIBUTOR("contributor"),
    VALIDATOR("validator"),
    MODEL_BUILDER("model-builder"),
    ORG_ADMIN("org-admin"),
    PLATFORM_ADMIN("platform-admin");

    private final String key;

    Role(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<Role> ofKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
    }

    /** Roles an organization may grant to its own members; platform staff are appointed in Keycloak only. */
    public boolean grantableByTenant() {
        return this != PLATFORM_ADMIN;
    }
}
