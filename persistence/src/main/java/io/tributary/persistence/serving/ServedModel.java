package io.tributary.persistence.serving;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The name callers use for a model, {@code <organization alias>/<name>}, and the version it answers with now. Moving
 * it to another version is a hot swap: requests already running finish on the version they started with. Public
 * models are listed to and callable by every organization; the owning tenant column is checked by the service.
 */
@Entity
@Table(name = "serving_model")
public class ServedModel {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "version_id", nullable = false)
    private UUID versionId;

    @Column(name = "public", nullable = false)
    private boolean open;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ServedModel() {}

    public ServedModel(UUID tenantId, String name, String displayName, UUID versionId, String updatedBy) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.name = name;
        this.displayName = displayName;
        this.versionId = versionId;
        this.updatedBy = updatedBy;
        this.updatedAt = Instant.now();
    }

    /** Answers with another version from now on. */
    public void moveTo(UUID versionId, String by) {
        this.versionId = versionId;
        this.updatedBy = by;
        this.updatedAt = Instant.now();
    }

    public void share(boolean open, String by) {
        this.open = open;
        this.updatedBy = by;
        this.updatedAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getName() {
        return name;
    }

    public String getDisplayName() {
        return displayName;
    }

    public UUID getVersionId() {
        return versionId;
    }

    public boolean isPublic() {
        return open;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
