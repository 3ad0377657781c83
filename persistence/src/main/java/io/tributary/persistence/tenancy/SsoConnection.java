package io.tributary.persistence.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A tenant's enterprise identity provider, brokered by Keycloak: members whose e-mail domain matches sign in there. The
 * client secret lives only in Keycloak.
 */
@Entity
@Table(name = "sso_connection")
public class SsoConnection {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    /** The Keycloak identity-provider alias. */
    @Column(name = "idp_alias", nullable = false, unique = true)
    private String idpAlias;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "issuer_url", nullable = false)
    private String issuerUrl;

    @Column(name = "client_id", nullable = false)
    private String clientId;

    @Column(name = "email_domain", nullable = false)
    private String emailDomain;

    /** Roles given to a member who first arrives through this connection. */
    @Convert(converter = RoleSet.class)
    @Column(name = "default_roles", nullable = false)
    private Set<Role> defaultRoles;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected SsoConnection() {}

    public SsoConnection(
            String idpAlias,
            String displayName,
            String issuerUrl,
            String clientId,
            String emailDomain,
            Set<Role> defaultRoles) {
        this.id = UUID.randomUUID();
        this.idpAlias = idpAlias;
        this.displayName = displayName;
        this.issuerUrl = issuerUrl;
        this.clientId = clientId;
        this.emailDomain = emailDomain;
        this.defaultRoles = EnumSet.copyOf(defaultRoles);
        this.createdAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public String getIdpAlias() {
        return idpAlias;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getIssuerUrl() {
        return issuerUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public String getEmailDomain() {
        return emailDomain;
    }

    public Set<Role> getDefaultRoles() {
        return EnumSet.copyOf(defaultRoles);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
