package io.tributary.persistence.datanet;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One record a contributor added to a DataNet, with the results of the automatic checks and the state of its review.
 * Its id is the record id every later reward traces back to.
 */
@Entity
@Table(name = "contribution")
public class Contribution {

    @Id
    private UUID id;

    @Column(name = "datanet_id", nullable = false, updatable = false)
    private UUID dataNetId;

    @Column(name = "upload_id", nullable = false, updatable = false)
    private UUID uploadId;

    @Embedded
    private Contributor contributor;

    /** Line number (JSONL, CSV) or chunk number (documents) within the upload. */
    @Column(nullable = false, updatable = false)
    private int position;

    /** The record's fields as a JSON object. */
    @Column(nullable = false, updatable = false)
    private String fields;

    @Column(name = "content_hash", nullable = false, updatable = false)
    private String contentHash;

    /** MinHash signature, for near-duplicate search. */
    @Column(nullable = false, updatable = false)
    private byte[] signature;

    @Column(name = "quality_score", nullable = false, updatable = false)
    private double qualityScore;

    /** The automatic checks' results, a jsonb array of {check, outcome, detail} (V14; text before). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    private List<CheckResult> checks;

    /** The most similar earlier record, if any reached the DataNet's threshold. */
    @Column(name = "similar_to", updatable = false)
    private UUID similarTo;

    @Column(updatable = false)
    private Double similarity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ContributionStatus status;

    @Column(nullable = false)
    private int approvals;

    @Column(nullable = false)
    private int rejections;

    @Column(name = "decision_reason")
    private String decisionReason;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Version
    private long version;

    protected Contribution() {}

    public Contribution(
            Upload upload,
            int position,
            String fields,
            String contentHash,
            byte[] signature,
            double qualityScore,
            List<CheckResult> checks,
            UUID similarTo,
            Double similarity,
            ContributionStatus status,
            String blockReason) {
        this.id = UUID.randomUUID();
        this.dataNetId = upload.getDataNetId();
        this.uploadId = upload.getId();
        this.contributor = upload.getContributor();
        this.position = position;
        this.fields = fields;
        this.contentHash = contentHash;
        this.signature = signature;
        this.qualityScore = qualityScore;
        this.checks = List.copyOf(checks);
        this.similarTo = similarTo;
        this.similarity = similarity;
        this.status = status;
        this.decisionReason = blockReason;
        this.createdAt = Instant.now();
        if (status == ContributionStatus.BLOCKED) {
            this.decidedAt = createdAt;
        }
    }

    /** Applies a tally of votes and the resulting state, as decided by the review rules. */
    public void tally(int approvals, int rejections, ContributionStatus status, String reason, Instant at) {
        this.approvals = approvals;
        this.rejections = rejections;
        this.status = status;
        if (status != ContributionStatus.IN_REVIEW) {
            this.decisionReason = reason;
            this.decidedAt = at;
        }
    }

    public UUID getId() {
        return id;
    }

    public UUID getDataNetId() {
        return dataNetId;
    }

    public UUID getUploadId() {
        return uploadId;
    }

    public Contributor getContributor() {
        return contributor;
    }

    /** For pages and tables. */
    public String getContributorEmail() {
        return contributor.email();
    }

    public int getPosition() {
        return position;
    }

    public String getFields() {
        return fields;
    }

    public String getContentHash() {
        return contentHash;
    }

    public byte[] getSignature() {
        return signature;
    }

    public double getQualityScore() {
        return qualityScore;
    }

    public List<CheckResult> getChecks() {
        return List.copyOf(checks);
    }

    public UUID getSimilarTo() {
        return similarTo;
    }

    public Double getSimilarity() {
        return similarity;
    }

    public ContributionStatus getStatus() {
        return status;
    }

    public int getApprovals() {
        return approvals;
    }

    public int getRejections() {
        return rejections;
    }

    public String getDecisionReason() {
        return decisionReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }
}
