package io.tributary.persistence.attribution;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A published model version's public split of its price, chosen by its owner within staff's bounds; fixed (never
 * changed again) once the version has served an inference, so every receipt of a version was split the same way.
 */
@Entity
@Table(name = "attribution_fee_split")
public class FeeSplit {

    @Id
    @Column(name = "model_version_id")
    private UUID modelVersionId;

    @Column(name = "owner_tenant_id", nullable = false, updatable = false)
    private UUID ownerTenantId;

    @Embedded
    private Shares shares;

    @Column(name = "set_by", nullable = false)
    private String setBy;

    @Column(name = "set_at", nullable = false)
    private Instant setAt;

    @Column(name = "fixed_at")
    private Instant fixedAt;

    protected FeeSplit() {}

    public FeeSplit(UUID modelVersionId, UUID ownerTenantId, Shares shares, String setBy) {
        this.modelVersionId = modelVersionId;
        this.ownerTenantId = ownerTenantId;
        change(shares, setBy);
    }

    public final void change(Shares shares, String by) {
        if (fixedAt != null) {
            throw new IllegalStateException("The split of version " + modelVersionId + " is fixed");
        }
        this.shares = shares;
        this.setBy = by;
        this.setAt = Instant.now();
    }

    /** The version served: from now on the split stays as it is. */
    public void fix() {
        if (fixedAt == null) fixedAt = Instant.now();
    }

    public UUID getModelVersionId() {
        return modelVersionId;
    }

    public UUID getOwnerTenantId() {
        return ownerTenantId;
    }

    public Shares getShares() {
        return shares;
    }

    public String getSetBy() {
        return setBy;
    }

    public Instant getSetAt() {
        return setAt;
    }

    public Instant getFixedAt() {
        return fixedAt;
    }
}
