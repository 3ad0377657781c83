package io.tributary.application.serving;

import io.tributary.persistence.serving.ModelUse;
import io.tributary.persistence.serving.ServingLimits;
import io.tributary.persistence.serving.UsageRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What serving's API and pages show: typed views of its records. */
public final class ServingViews {

    private ServingViews() {}

    /**
     * A model a caller may use, as {@code /v1/models} lists it.
     *
     * @param id what to pass as {@code model}
     * @param created when its current version was published (or the base registered)
     * @param ownedBy the owning organization's alias, or "tributary" for shared bases
     * @param root the base model's id
     * @param displayName the name its owner gave it
     * @param version the current version (null for a base)
     * @param versionId the factory's model version id (null for a base)
     * @param isPublic whether every organization may call it
     * @param pricePer1kTokens TRIB per 1,000 prompt and completion tokens (0 for bases and free models)
     * @param state "resident" (its adapter is loaded on this node), "cold" (the first request loads it) or "base"
     */
    public record ModelView(
            String id,
            Instant created,
            String ownedBy,
            String root,
            String displayName,
            Integer version,
            UUID versionId,
            boolean isPublic,
            BigDecimal pricePer1kTokens,
            String state) {}

    /** A model name of the caller's organization and the version it answers with. */
    public record ServedModelView(
            String id,
            String name,
            String displayName,
            int version,
            UUID versionId,
            boolean isPublic,
            List<Integer> versions) {}

    /** One answered request as the calling organization sees it. */
    public record UsageView(
            UUID id,
            String caller,
            String model,
            UUID versionId,
            int promptTokens,
            int completionTokens,
            int latencyMs,
            Integer timeToFirstTokenMs,
            String status,
            BigInteger charge,
            Instant createdAt) {
        static UsageView of(UsageRecord u) {
            return new UsageView(
                    u.getId(),
                    u.getCaller(),
                    u.getModel(),
                    u.getVersionId(),
                    u.getPromptTokens(),
                    u.getCompletionTokens(),
                    u.getLatencyMs(),
                    u.getTimeToFirstTokenMs(),
                    u.getStatus().name(),
                    u.getCharge(),
                    u.getCreatedAt());
        }
    }

    /** One request to the organization's models, as their owner sees it (no caller). */
    public record ModelUseView(
            UUID id,
            String model,
            UUID versionId,
            int promptTokens,
            int completionTokens,
            int latencyMs,
            Integer timeToFirstTokenMs,
            String status,
            BigInteger charge,
            Instant createdAt) {
        static ModelUseView of(ModelUse u) {
            return new ModelUseView(
                    u.id(),
                    u.model(),
                    u.versionId(),
                    u.promptTokens(),
                    u.completionTokens(),
                    u.latencyMs(),
                    u.timeToFirstTokenMs(),
                    u.status().name(),
                    u.charge(),
                    u.createdAt());
        }
    }

    /** An organization's serving limits and this month's use. */
    public record LimitsView(
            UUID tenantId,
            int requestsPerMinute,
            int tokensPerMinute,
            long monthlyTokenQuota,
            int queueBound,
            long tokensThisMonth,
            boolean defaults) {
        static LimitsView of(UUID tenantId, ServingLimits limits, long used) {
            ServingLimits l = limits == null ? new ServingLimits(tenantId) : limits;
            return new LimitsView(
                    tenantId,
                    l.getRequestsPerMinute(),
                    l.getTokensPerMinute(),
                    l.getMonthlyTokenQuota(),
                    l.getQueueBound(),
                    used,
                    limits == null);
        }
    }
}
