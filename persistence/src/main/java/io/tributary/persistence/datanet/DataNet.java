package io.tributary.persistence.datanet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A curated collection of expert data in one domain: what records it takes, under which licence, who may contribute
 * and validate, and how many approvals accept a record. Not filtered by tenant, because a public DataNet is shared
 * by every organization; services check visibility explicitly.
 */
@Entity
@Table(name = "datanet")
public class DataNet {

    @Id
    private UUID id;

    @Column(name = "owner_tenant_id", nullable = false, updatable = false)
    private UUID ownerTenantId;

    @Column(name = "owner_member_id", nullable = false, updatable = false)
    private UUID ownerMemberId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false)
    private String domain;

    @Column(nullable = false)
    private String description;

    /** Comma-separated, lower case. */
    @Column(nullable = false)
    private String tags;

    /** A {@code RecordType} name: what every record of this DataNet looks like. */
    @Column(name = "record_type", nullable = false, updatable = false)
    private String recordType;

    @Column(nullable = false, updatable = false)
    private String licence;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Visibility visibility;

    /** Comma-separated {@code SourceFormat} names accepted for upload. */
    @Column(name = "allowed_formats", nullable = false)
    private String allowedFormats;

    @Column(name = "max_upload_bytes", nullable = false)
    private long maxUploadBytes;

    /** Records one contributor may add per UTC day. */
    @Column(name = "daily_quota", nullable = false)
    private int dailyQuota;

    @Enumerated(EnumType.STRING)
    @Column(name = "bad_line_policy", nullable = false)
    private BadLinePolicy badLinePolicy;

    @Enumerated(EnumType.STRING)
    @Column(name = "personal_data_policy", nullable = false)
    private PersonalDataPolicy personalDataPolicy;

    @Column(name = "near_duplicate_threshold", nullable = false)
    private double nearDuplicateThreshold;

    /** k: approvals that accept a record. */
    @Column(name = "approvals_required", nullable = false, updatable = false)
    private int approvalsRequired;

    /** n: votes a record collects at most; n - k + 1 rejections reject it. */
    @Column(name = "reviewers_per_record", nullable = false, updatable = false)
    private int reviewersPerRecord;

    @Enumerated(EnumType.STRING)
    @Column(name = "validator_pool", nullable = false, updatable = false)
    private ValidatorPool validatorPool;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected DataNet() {}

    public DataNet(
            UUID ownerTenantId,
            UUID ownerMemberId,
            String name,
            String domain,
            String description,
            List<String> tags,
            String recordType,
            String licence,
            Visibility visibility,
            ContributionRules rules,
            ReviewPolicy reviewPolicy) {
        this.id = UUID.randomUUID();
        this.ownerTenantId = ownerTenantId;
        this.ownerMemberId = ownerMemberId;
        this.name = name;
        this.domain = domain;
        this.description = description;
        this.tags = String.join(",", tags);
        this.recordType = recordType;
        this.licence = licence;
        this.visibility = visibility;
        this.approvalsRequired = reviewPolicy.approvalsRequired();
        this.reviewersPerRecord = reviewPolicy.reviewersPerRecord();
        this.validatorPool = reviewPolicy.pool();
        this.createdAt = Instant.now();
        apply(rules);
    }

    /** Changes what may change without rewriting history: description, domain, tags and contribution rules. */
    public void revise(String domain, String description, List<String> tags, ContributionRules rules) {
        this.domain = domain;
        this.description = description;
        this.tags = String.join(",", tags);
        apply(rules);
    }

    private void apply(ContributionRules rules) {
        this.allowedFormats = String.join(",", rules.allowedFormats());
        this.maxUploadBytes = rules.maxUploadBytes();
        this.dailyQuota = rules.dailyQuota();
        this.badLinePolicy = rules.badLinePolicy();
        this.personalDataPolicy = rules.personalDataPolicy();
        this.nearDuplicateThreshold = rules.nearDuplicateThreshold();
    }

    public ContributionRules rules() {
        return new ContributionRules(
                Arrays.asList(allowedFormats.split(",")),
                maxUploadBytes,
                dailyQuota,
                badLinePolicy,
                personalDataPolicy,
                nearDuplicateThreshold);
    }

    public ReviewPolicy reviewPolicy() {
        return new ReviewPolicy(approvalsRequired, reviewersPerRecord, validatorPool);
    }

    public boolean isOwnedBy(UUID tenantId) {
        return ownerTenantId.equals(tenantId);
    }

    /** Whether members of the given organization may see it, contribute to it and use its releases. */
    public boolean isOpenTo(UUID tenantId) {
        return isOwnedBy(tenantId) || visibility == Visibility.PUBLIC;
    }

    public UUID getId() {
        return id;
    }

    public UUID getOwnerTenantId() {
        return ownerTenantId;
    }

    public UUID getOwnerMemberId() {
        return ownerMemberId;
    }

    public String getName() {
        return name;
    }

    public String getDomain() {
        return domain;
    }

    public String getDescription() {
        return description;
    }

    public List<String> getTags() {
        return tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
    }

    public String getRecordType() {
        return recordType;
    }

    public String getLicence() {
        return licence;
    }

    public Visibility getVisibility() {
        return visibility;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
