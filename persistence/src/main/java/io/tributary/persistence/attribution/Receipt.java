package io.tributary.persistence.attribution;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * The attribution receipt of one charged inference: which model version answered (base, adapter, releases), hashes of
 * the prompt and the answer, the method that traced it to training records, those records with their weights, and the
 * ledger split of the charge. Written once, then only placed in a Merkle batch. Carries its caller's tenant column,
 * checked by the attribution service (contributors of other organizations see the receipts that paid them).
 */
@Entity
@Table(name = "attribution_receipt")
public class Receipt {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "owner_tenant_id", nullable = false, updatable = false)
    private UUID ownerTenantId;

    @Column(name = "model_version_id", nullable = false, updatable = false)
    private UUID modelVersionId;

    @Column(name = "model_name", nullable = false, updatable = false)
    private String modelName;

    @Column(name = "model_version", nullable = false, updatable = false)
    private int modelVersion;

    @Column(name = "base_sha256", nullable = false, updatable = false)
    private String baseSha256;

    @Column(name = "adapter_sha256", nullable = false, updatable = false)
    private String adapterSha256;

    /** JSON array of {dataNetId, version, merkleRoot}. */
    @Column(name = "release_roots", nullable = false, updatable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String releaseRoots;

    @Column(nullable = false, updatable = false)
    private String prompt;

    @Column(nullable = false, updatable = false)
    private String completion;

    @Column(name = "prompt_sha256", nullable = false, updatable = false)
    private String promptSha256;

    @Column(name = "output_sha256", nullable = false, updatable = false)
    private String outputSha256;

    @Column(name = "share_prompt", nullable = false, updatable = false)
    private boolean sharePrompt;

    @Column(name = "prompt_tokens", nullable = false, updatable = false)
    private int promptTokens;

    @Column(name = "completion_tokens", nullable = false, updatable = false)
    private int completionTokens;

    @Column(nullable = false, updatable = false)
    private String method;

    @Column(name = "method_version", nullable = false, updatable = false)
    private String methodVersion;

    /** JSON array of verbatim spans {text, start, length, recordIds}. */
    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String spans;

    @Column(nullable = false, updatable = false, precision = 38)
    private BigInteger charge;

    @Column(nullable = false, updatable = false)
    private String currency;

    @Embedded
    private Shares shares;

    @Column(name = "transfer_id", updatable = false)
    private UUID transferId;

    /** SHA-256 of the receipt's canonical text (records, weights, split): what the Merkle leaf commits to. */
    @Column(name = "content_sha256", nullable = false, updatable = false)
    private String contentSha256;

    @Column(nullable = false, updatable = false)
    private String leaf;

    @Column(name = "served_at", nullable = false, updatable = false)
    private Instant servedAt;

    @Column(name = "attributed_at", nullable = false, updatable = false)
    private Instant attributedAt;

    @Column(name = "batch_id")
    private UUID batchId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "attribution_receipt_record", joinColumns = @JoinColumn(name = "receipt_id"))
    @OrderColumn(name = "rank")
    private List<ReceiptRecord> records = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "attribution_receipt_payee", joinColumns = @JoinColumn(name = "receipt_id"))
    @OrderColumn(name = "seq")
    private List<ReceiptPayee> payees = new ArrayList<>();

    protected Receipt() {}

    /** What the model answered and under which version; {@link #attribute} adds what it was traced to. */
    public record Served(
            UUID id,
            UUID tenantId,
            UUID ownerTenantId,
            UUID modelVersionId,
            String modelName,
            int modelVersion,
            String baseSha256,
            String adapterSha256,
            String releaseRoots,
            String prompt,
            String completion,
            String promptSha256,
            String outputSha256,
            boolean sharePrompt,
            int promptTokens,
            int completionTokens,
            BigInteger charge,
            String currency,
            Instant servedAt) {}

    public Receipt(
            Served served,
            String method,
            String methodVersion,
            String spans,
            Shares shares,
            List<ReceiptRecord> records,
            List<ReceiptPayee> payees,
            UUID transferId,
            String contentSha256,
            String leaf) {
        this.id = served.id();
        this.tenantId = served.tenantId();
        this.ownerTenantId = served.ownerTenantId();
        this.modelVersionId = served.modelVersionId();
        this.modelName = served.modelName();
        this.modelVersion = served.modelVersion();
        this.baseSha256 = served.baseSha256();
        this.adapterSha256 = served.adapterSha256();
        this.releaseRoots = served.releaseRoots();
        this.prompt = served.prompt();
        this.completion = served.completion();
        this.promptSha256 = served.promptSha256();
        this.outputSha256 = served.outputSha256();
        this.sharePrompt = served.sharePrompt();
        this.promptTokens = served.promptTokens();
        this.completionTokens = served.completionTokens();
        this.charge = served.charge();
        this.currency = served.currency();
        this.servedAt = served.servedAt();
        this.method = method;
        this.methodVersion = methodVersion;
        this.spans = spans;
        this.shares = shares;
        this.records = new ArrayList<>(records);
        this.payees = new ArrayList<>(payees);
        this.transferId = transferId;
        this.contentSha256 = contentSha256;
        this.leaf = leaf;
        this.attributedAt = Instant.now();
    }

    /** The receipt's Merkle batch, set once. */
    public void batched(UUID batchId) {
        if (this.batchId != null) throw new IllegalStateException("Receipt " + id + " is already batched");
        this.batchId = batchId;
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public UUID getOwnerTenantId() {
        return ownerTenantId;
    }

    public UUID getModelVersionId() {
        return modelVersionId;
    }

    public String getModelName() {
        return modelName;
    }

    public int getModelVersion() {
        return modelVersion;
    }

    public String getBaseSha256() {
        return baseSha256;
    }

    public String getAdapterSha256() {
        return adapterSha256;
    }

    public String getReleaseRoots() {
        return releaseRoots;
    }

    public String getPrompt() {
        return prompt;
    }

    public String getCompletion() {
        return completion;
    }

    public String getPromptSha256() {
        return promptSha256;
    }

    public String getOutputSha256() {
        return outputSha256;
    }

    public boolean isSharePrompt() {
        return sharePrompt;
    }

    public int getPromptTokens() {
        return promptTokens;
    }

    public int getCompletionTokens() {
        return completionTokens;
    }

    public String getMethod() {
        return method;
    }

    public String getMethodVersion() {
        return methodVersion;
    }

    public String getSpans() {
        return spans;
    }

    public BigInteger getCharge() {
        return charge;
    }

    public String getCurrency() {
        return currency;
    }

    public Shares getShares() {
        return shares;
    }

    public UUID getTransferId() {
        return transferId;
    }

    public String getContentSha256() {
        return contentSha256;
    }

    public String getLeaf() {
        return leaf;
    }

    public Instant getServedAt() {
        return servedAt;
    }

    public Instant getAttributedAt() {
        return attributedAt;
    }

    public UUID getBatchId() {
        return batchId;
    }

    public List<ReceiptRecord> getRecords() {
        return List.copyOf(records);
    }

    public List<ReceiptPayee> getPayees() {
        return List.copyOf(payees);
    }
}
