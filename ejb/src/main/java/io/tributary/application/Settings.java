package io.tributary.application;

import java.util.Optional;

/**
 * Every setting of the application, in one place. Each is read from a system property, else from the environment
 * variable named in its description, else the default shown here (the local run's).
 */
public enum Settings {
    /** TRIBUTARY_KEYCLOAK_URL: Keycloak's base URL as the server reaches it. */
    KEYCLOAK_URL("tributary.keycloak.url", "http://localhost:8180"),
    /** TRIBUTARY_KEYCLOAK_PUBLIC_URL: Keycloak's base URL as browsers reach it (tokens name this issuer). */
    KEYCLOAK_PUBLIC_URL("tributary.keycloak.public-url", "http://localhost:8180"),
    /** TRIBUTARY_KEYCLOAK_REALM: the realm whose organizations are Tributary's tenants. */
    KEYCLOAK_REALM("tributary.keycloak.realm", "tributary"),
    /** TRIBUTARY_KEYCLOAK_ADMIN_CLIENT: a confidential client with a service account allowed to manage the realm. */
    KEYCLOAK_ADMIN_CLIENT("tributary.keycloak.admin-client", "tributary-admin"),
    /** TRIBUTARY_KEYCLOAK_ADMIN_SECRET: that client's secret. */
    KEYCLOAK_ADMIN_SECRET("tributary.keycloak.admin-secret", "tributary-admin-dev-secret"),
    /** TRIBUTARY_STORAGE_DIR: where uploaded originals are kept (empty: the server's data directory). */
    STORAGE_DIR("tributary.storage.dir", ""),
    /** TRIBUTARY_DEMO: seed the demo tenants' Tributary data at start ("true" locally, "false" in production). */
    DEMO("tributary.demo", "false");

    private final String property;
    private final String fallback;

    Settings(String property, String fallback) {
        this.property = property;
        this.fallback = fallback;
    }

    public String value() {
        return Optional.ofNullable(System.getProperty(property))
                .or(() -> Optional.ofNullable(System.getenv(environmentVariable())))
                .filter(v -> !v.isBlank())
                .orElse(fallback);
    }

    public boolean enabled() {
        return Boolean.parseBoolean(value());
    }

    public String environmentVariable() {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }
}
