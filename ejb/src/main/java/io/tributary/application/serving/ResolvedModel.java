package io.tributary.application.serving;

import io.tributary.application.factory.ModelFiles.StoredBase;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A model id resolved for one caller: what answers (a base, or a run's adapter on it) and who is paid what.
 *
 * @param id the id as the caller should see it in answers
 * @param ownerTenantId the organization that owns the model (null for a shared base)
 * @param versionId the published version (null for a base)
 * @param runId the run whose adapter applies (null for a base)
 * @param base the base model
 * @param pricePer1kTokens TRIB per 1,000 tokens (0: free)
 * @param retrievalTopK records retrieved into each chat prompt from the version's releases (null: none)
 */
public record ResolvedModel(
        String id,
        UUID ownerTenantId,
        UUID versionId,
        UUID runId,
        StoredBase base,
        BigDecimal pricePer1kTokens,
        Integer retrievalTopK) {

    /** A model that answers without retrieval. */
    public ResolvedModel(
            String id, UUID ownerTenantId, UUID versionId, UUID runId, StoredBase base, BigDecimal pricePer1kTokens) {
        this(id, ownerTenantId, versionId, runId, base, pricePer1kTokens, null);
    }

    public boolean isBase() {
        return versionId == null;
    }

    public boolean isFree() {
        return pricePer1kTokens.signum() == 0;
    }
}
