package io.tributary.persistence.curation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A contribution's place in a release: the Merkle leaf that commits to it. */
@Entity
@Table(name = "release_entry")
@IdClass(ReleaseEntry.Key.class)
public class ReleaseEntry {

    /** Composite key: release and contribution. */
    public record Key(UUID releaseId, UUID contributionId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "release_id", nullable = false, updatable = false)
    private UUID releaseId;

    @Id
    @Column(name = "contribution_id", nullable = false, updatable = false)
    private UUID contributionId;

    @Column(nullable = false, updatable = false)
    private String leaf;

    protected ReleaseEntry() {}

    public ReleaseEntry(UUID releaseId, UUID contributionId, String leaf) {
        this.releaseId = releaseId;
        this.contributionId = contributionId;
        this.leaf = leaf;
    }

    public UUID getReleaseId() {
        return releaseId;
    }

    public UUID getContributionId() {
        return contributionId;
    }

    public String getLeaf() {
        return leaf;
    }
}
