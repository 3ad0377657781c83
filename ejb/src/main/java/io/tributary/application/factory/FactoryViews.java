package io.tributary.application.factory;

import io.tributary.persistence.factory.FactoryLimits;
import io.tributary.persistence.factory.ModelVersion;
import io.tributary.persistence.factory.RegisteredBase;
import io.tributary.persistence.factory.RunCheckpoint;
import io.tributary.persistence.factory.TrainingJob;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the factory's pages and API show: typed views of its records. */
public final class FactoryViews {

    private FactoryViews() {}

    /** A base model builders may fine-tune. */
    public record BaseView(
            UUID id,
            String name,
            String architecture,
            String licence,
            String sha256,
            long parameters,
            int contextLength,
            boolean shared,
            UUID ownerTenantId,
            Instant registeredAt,
            Instant retiredAt) {
        static BaseView of(RegisteredBase b) {
            return new BaseView(
                    b.getId(),
                    b.getName(),
                    b.getArchitecture(),
                    b.getLicence(),
                    b.getSha256(),
                    b.getParameters(),
                    b.getContextLength(),
                    b.getOwnerTenantId() == null,
                    b.getOwnerTenantId(),
                    b.getRegisteredAt(),
                    b.getRetiredAt());
        }

        public boolean retired() {
            return retiredAt != null;
        }
    }

    /** A release the wizard offers, with its licence. */
    public record ReleaseOption(
            UUID dataNetId,
            String dataNetName,
            int version,
            String licence,
            boolean nonCommercial,
            String recordType,
            int records,
            boolean ownOrganization) {}

    /** What a run would cost. */
    public record Estimate(int examples, int heldOut, int steps, long tokens, double tokensPerSecond, long seconds) {}

    /** The training data as the model will see it, before launch. */
    public record DataPreview(
            int examples,
            int truncated,
            int maxLength,
            List<Integer> histogramEdges,
            List<Integer> histogramCounts,
            List<String> samples,
            Estimate estimate,
            Map<String, String> problems) {}

    /** A run as listed and shown. */
    public record RunView(
            UUID id,
            String name,
            String status,
            UUID baseModelId,
            String objective,
            RunSettings settings,
            List<ReleaseRef> releases,
            boolean forSale,
            String createdBy,
            Instant queuedAt,
            Instant startedAt,
            Instant finishedAt,
            long queuePosition,
            int step,
            int totalSteps,
            long estimatedTokens,
            long tokensTrained,
            Double finalLoss,
            Double validationLoss,
            String failureReason,
            UUID parentRunId,
            Integer parentStep,
            boolean cancelRequested,
            String adapterSha256) {
        static RunView of(TrainingJob j, long queuePosition) {
            return new RunView(
                    j.getId(),
                    j.getName(),
                    j.getStatus().name(),
                    j.getBaseModelId(),
                    j.getObjective().name(),
                    RunSettings.fromJson(j.getSettings()),
                    ReleaseRef.fromJson(j.getReleases()),
                    j.isForSale(),
                    j.getCreatedBy(),
                    j.getQueuedAt(),
                    j.getStartedAt(),
                    j.getFinishedAt(),
                    queuePosition,
                    j.getStep(),
                    j.getTotalSteps(),
                    j.getEstimatedTokens(),
                    j.getTokensTrained(),
                    j.getFinalLoss(),
                    j.getValidationLoss(),
                    j.getFailureReason(),
                    j.getParentRunId(),
                    j.getParentStep(),
                    j.isCancelRequested(),
                    j.getAdapterSha256());
        }

        public double progress() {
            return totalSteps == 0 ? 0 : (double) step / totalSteps;
        }

        /** Whole percent done; a completed run is done even when early stopping ended it before its last step. */
        public int percent() {
            return status.equals("COMPLETED") ? 100 : (int) Math.min(100, Math.round(progress() * 100));
        }

        public boolean isFinal() {
            return status.equals("COMPLETED") || status.equals("CANCELLED") || status.equals("FAILED");
        }
    }

    /**
     * One line of a run's log: what happened ({@code kind}: QUEUED, FORKED, STARTED, RESUMED, VALIDATION, CHECKPOINT,
     * STOPPING, COMPLETED, CANCELLED, FAILED), when if known, at which step, and in words.
     */
    public record LogEntry(Instant at, String kind, Integer step, String message) {}

    /** Two to four runs side by side: their loss curves, their settings (differences marked) and evaluations. */
    public record Comparison(
            List<RunView> runs, List<LossCurve> curves, List<SettingRow> settings, List<Scores> scores) {}

    /** One run's training loss by step, for an overlaid chart. */
    public record LossCurve(UUID runId, String name, List<Integer> steps, List<Double> losses) {}

    /** One setting across the compared runs, in run order; {@code differs} when they do not all agree. */
    public record SettingRow(String setting, List<String> values, boolean differs) {}

    /** One run's evaluation figures (null when it has none): adapter and base loss, perplexity, exact match, F1. */
    public record Scores(
            UUID runId,
            Double adapterLoss,
            Double baseLoss,
            Double adapterPerplexity,
            Double basePerplexity,
            Double adapterExactMatch,
            Double adapterTokenF1,
            Double baseTokenF1) {}

    /** A checkpoint a run kept. */
    public record CheckpointView(int step, double loss, Double validationLoss, Instant createdAt) {
        static CheckpointView of(RunCheckpoint c) {
            return new CheckpointView(c.getStep(), c.getLoss(), c.getValidationLoss(), c.getCreatedAt());
        }
    }

    /** A published model version ({@code retrievalTopK}: records retrieved into each prompt, null for none). */
    public record VersionView(
            UUID id,
            UUID runId,
            String name,
            int version,
            String baseSha256,
            String adapterSha256,
            List<ReleaseRef> releases,
            RunSettings settings,
            String evaluation,
            String licence,
            BigDecimal pricePer1kTokens,
            String publishedBy,
            Instant publishedAt,
            Integer retrievalTopK) {
        static VersionView of(ModelVersion v) {
            return new VersionView(
                    v.getId(),
                    v.getRunId(),
                    v.getName(),
                    v.getVersion(),
                    v.getBaseSha256(),
                    v.getAdapterSha256(),
                    ReleaseRef.fromJson(v.getReleases()),
                    RunSettings.fromJson(v.getSettings()),
                    v.getEvaluation(),
                    v.getLicence(),
                    v.getPricePer1kTokens(),
                    v.getPublishedBy(),
                    v.getPublishedAt(),
                    v.getRetrievalTopK());
        }

        /** Whether the version answers with records retrieved from its DataNet releases in the prompt. */
        public boolean retrieval() {
            return retrievalTopK != null;
        }
    }

    /**
     * A published version's card: the version, its base (null when that base is no longer registered), the owning
     * organization, and the name it is called by on {@code /v1} ({@code <organization alias>/<model name>}).
     */
    public record ModelCard(VersionView version, BaseView base, String organization, String servedName) {}

    /** An organization's training limits and this month's use. */
    public record LimitsView(UUID tenantId, int maxConcurrentRuns, long monthlyTokenQuota, long usedThisMonth) {
        static LimitsView of(UUID tenantId, FactoryLimits l, long used) {
            return l == null
                    ? new LimitsView(
                            tenantId, FactoryLimits.DEFAULT_CONCURRENT_RUNS, FactoryLimits.DEFAULT_MONTHLY_TOKENS, used)
                    : new LimitsView(tenantId, l.getMaxConcurrentRuns(), l.getMonthlyTokenQuota(), used);
        }

        /** Training tokens this month's quota still allows. */
        public long left() {
            return Math.max(0, monthlyTokenQuota - usedThisMonth);
        }
    }
}
