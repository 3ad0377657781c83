package io.tributary.persistence.factory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A base model organizations fine-tune: for everyone when registered by the platform (no owner), else private to the
 * organization that imported it. Not filtered by tenant, since shared bases belong to no tenant; services check the
 * owner explicitly.
 */
@Entity
@Table(name = "factory_base_model")
public class RegisteredBase {

    @Id
    private UUID id;

    @Column(name = "owner_tenant_id", updatable = false)
    private UUID ownerTenantId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false, updatable = false)
    private String directory;

    @Column(nullable = false, updatable = false)
    private String architecture;

    @Column(nullable = false, updatable = false)
    private String licence;

    @Column(nullable = false, updatable = false)
    private String sha256;

    @Column(nullable = false, updatable = false)
    private long parameters;

    @Column(name = "context_length", nullable = false, updatable = false)
    private int contextLength;

    @Column(name = "vocabulary_size", nullable = false, updatable = false)
    private int vocabularySize;

    @Column(name = "registered_at", nullable = false, updatable = false)
    private Instant registeredAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Column(name = "retired_by")
    private String retiredBy;

    protected RegisteredBase() {}

    public RegisteredBase(
            UUID ownerTenantId,
            String name,
            String directory,
            String architecture,
            String licence,
            String sha256,
            long parameters,
            int contextLength,
            int vocabularySize) {
        this.id = UUID.randomUUID();
        this.ownerTenantId = ownerTenantId;
        this.name = name;
        this.directory = directory;
        this.architecture = architecture;
        this.licence = licence;
        this.sha256 = sha256;
        this.parameters = parameters;
        this.contextLength = contextLength;
        this.vocabularySize = vocabularySize;
        this.registeredAt = Instant.now();
    }

    /** Whether members of this tenant may see it (and, unless retired, fine-tune it). */
    public boolean isOpenTo(UUID tenantId) {
        return ownerTenantId == null || ownerTenantId.equals(tenantId);
    }

    /** No new runs on it from now on; runs and versions that used it keep its files. */
    public void retire(String by) {
        if (retiredAt == null) {
            retiredAt = Instant.now();
            retiredBy = by;
        }
    }

    public boolean isRetired() {
        return retiredAt != null;
    }

    public Instant getRetiredAt() {
        return retiredAt;
    }

    public String getRetiredBy() {
        return retiredBy;
    }

    public UUID getId() {
        return id;
    }

    public UUID getOwnerTenantId() {
        return ownerTenantId;
    }

    public String getName() {
        return name;
    }

    public String getDirectory() {
        return directory;
    }

    public String getArchitecture() {
        return architecture;
    }

    public String getLicence() {
        return licence;
    }

    public String getSha256() {
        return sha256;
    }

    public long getParameters() {
        return parameters;
    }

    public int getContextLength() {
        return contextLength;
    }

    public int getVocabularySize() {
        return vocabularySize;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }
}
