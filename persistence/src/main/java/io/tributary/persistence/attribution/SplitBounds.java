package io.tributary.persistence.attribution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The range platform staff allow for each share of every model version's split, in basis points (one row). */
@Entity
@Table(name = "attribution_split_bounds")
public class SplitBounds {

    @Id
    private int id = 1;

    @Column(name = "contributors_min", nullable = false)
    private int contributorsMin;

    @Column(name = "contributors_max", nullable = false)
    private int contributorsMax;

    @Column(name = "validators_min", nullable = false)
    private int validatorsMin;

    @Column(name = "validators_max", nullable = false)
    private int validatorsMax;

    @Column(name = "owner_min", nullable = false)
    private int ownerMin;

    @Column(name = "owner_max", nullable = false)
    private int ownerMax;

    @Column(name = "platform_min", nullable = false)
    private int platformMin;

    @Column(name = "platform_max", nullable = false)
    private int platformMax;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SplitBounds() {}

    /** The lowest shares allowed and the highest, role by role. */
    public void change(Shares min, Shares max, String by) {
        contributorsMin = min.contributors();
        validatorsMin = min.validators();
        ownerMin = min.owner();
        platformMin = min.platform();
        contributorsMax = max.contributors();
        validatorsMax = max.validators();
        ownerMax = max.owner();
        platformMax = max.platform();
        updatedBy = by;
        updatedAt = Instant.now();
    }

    public Shares min() {
        return new Shares(contributorsMin, validatorsMin, ownerMin, platformMin);
    }

    public Shares max() {
        return new Shares(contributorsMax, validatorsMax, ownerMax, platformMax);
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
