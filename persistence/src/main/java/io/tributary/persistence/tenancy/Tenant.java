package io.tributary.persistence.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * An organization using Tributary: the unit of isolation. Each tenant is one Keycloak organization with the same alias.
 */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    private UUID id;

    /** Lower-case slug shared with the Keycloak organization; never changes. */
    @Column(nullable = false, unique = true, updatable = false)
    private String alias;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TenantStatus status = TenantStatus.ACTIVE;

    @Column(name = "keycloak_org_id")
    private String keycloakOrganizationId;

    @Embedded
    private Branding branding;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Tenant() {}

    public Tenant(String alias, String name, String keycloakOrganizationId) {
        this.id = UUID.randomUUID();
        this.alias = alias;
        this.name = name;
        this.keycloakOrganizationId = keycloakOrganizationId;
        this.branding = new Branding(name, null, Branding.DEFAULT_COLOUR, ThemeMode.LIGHT);
        this.createdAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public String getAlias() {
        return alias;
    }

    public String getName() {
        return name;
    }

    public TenantStatus getStatus() {
        return status;
    }

    public boolean isActive() {
        return status == TenantStatus.ACTIVE;
    }

    public void suspend() {
        status = TenantStatus.SUSPENDED;
    }

    public void reactivate() {
        status = TenantStatus.ACTIVE;
    }

    public String getKeycloakOrganizationId() {
        return keycloakOrganizationId;
    }

    public Branding getBranding() {
        return branding;
    }

    public void rebrand(Branding branding) {
        this.branding = branding;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
