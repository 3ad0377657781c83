package io.tributary.application.attribution;

import io.tributary.application.attribution.AttributionIndexes.Traced;
import io.tributary.application.attribution.ChargeSplit.Claim;
import io.tributary.application.attribution.ContributorWeights.Contributor;
import io.tributary.application.attribution.ContributorWeights.Scored;
import io.tributary.application.curation.Approvals;
import io.tributary.application.curation.Approvals.Approver;
import io.tributary.application.datanet.ContributionOrigins;
import io.tributary.application.datanet.ContributionOrigins.Origin;
import io.tributary.application.events.EventObserver;
import io.tributary.application.factory.ReleaseRef;
import io.tributary.application.factory.TrainedRuns;
import io.tributary.application.factory.TrainedRuns.PublishedVersion;
import io.tributary.application.factory.TrainedRuns.TrainedRun;
import io.tributary.application.rewards.FeeSplitTransfers;
import io.tributary.application.rewards.FeeSplitTransfers.Credit;
import io.tributary.application.serving.InferenceServed;
import io.tributary.application.serving.RecordRetrieval;
import io.tributary.chain.Bytes32;
import io.tributary.chain.ReceiptLeaf;
import io.tributary.persistence.attribution.AttributionRepository;
import io.tributary.persistence.attribution.Receipt;
import io.tributary.persistence.attribution.ReceiptPayee;
import io.tributary.persistence.attribution.ReceiptRecord;
import io.tributary.persistence.attribution.Shares;
import io.tributary.training.attribution.ScoredRecord;
import io.tributary.training.retrieval.RetrievedRecord;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Attributes each charged inference when serving's {@link InferenceServed} arrives through the outbox: traces the
 * answer to the model's training records, applies the gaming rules ({@link ContributorWeights}), splits the charge by
 * the version's fee split ({@link ChargeSplit}) in one {@code FEE_SPLIT} ledger transfer, and writes one receipt.
 *
 * <p>Idempotent by the receipt id (the event's): a redelivered event finds its receipt and does nothing, and the
 * transfer's id is the receipt's, so even a concurrent duplicate cannot pay twice (the ledger returns the stored
 * transfer, the receipt's primary key refuses the second row, and that attempt rolls back).
 */
@Stateless
public class InferenceAttribution implements EventObserver<InferenceServed> {

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(InferenceAttribution.class.getName());

    @Inject
    AttributionRepository repository;

    @Inject
    TrainedRuns runs;

    @Inject
    AttributionIndexes indexes;

    @Inject
    FeeSplitService splits;

    @Inject
    ContributionOrigins origins;

    @Inject
    Approvals approvals;

    @Inject
    FeeSplitTransfers transfers;

    @Inject
    RecordRetrieval retrieval;

    @Override
    public void observe(InferenceServed served) {
        if (repository.receipt(served.receiptId()).isPresent()) return;
        PublishedVersion version = runs.version(served.modelVersionId())
                .orElseThrow(() -> new IllegalStateException("No model version " + served.modelVersionId()));
        if (!version.tenantId().equals(served.ownerTenantId())) {
            throw new IllegalStateException(
                    "Model version " + version.id() + " belongs to another organization than" + " the event says");
        }
        long started = System.nanoTime();
        Traced traced = trace(version, served);
        long traceMicros = (System.nanoTime() - started) / 1000;
        // Locks the version's split row until commit: taken after the model work, so receipts of one version wait
        // on each other only for the database writes.
        Shares shares = splits.fixForServing(version.id(), version.tenantId());

        List<UUID> ids = new ArrayList<>();
        for (ScoredRecord r : traced.result().top()) parse(r.id()).ifPresent(ids::add);
        Map<UUID, Origin> from = origins.of(ids);
        List<ScoredRecord> kept = traced.result().top().stream()
                .filter(r -> parse(r.id()).map(from::containsKey).orElse(false))
                .toList();
        List<Scored> scored = kept.stream()
                .map(r -> {
                    Origin o = from.get(UUID.fromString(r.id()));
                    return new Scored(
                            o.recordId(),
                            o.creditedRecordId(),
                            o.contributorTenantId(),
                            o.contributorMemberId(),
                            r.score());
                })
                .toList();
        ContributorWeights.Weights weights = ContributorWeights.of(scored);
        List<ReceiptRecord> records = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            records.add(new ReceiptRecord(
                    s.recordId(),
                    s.creditedRecordId(),
                    from.get(s.recordId()).dataNetId(),
                    s.contributorTenantId(),
                    s.contributorMemberId(),
                    s.score(),
                    weights.recordWeights().get(i)));
        }
        Map<UUID, Double> creditedWeight = weights.creditedRecords();
        List<Claim> contributors = new ArrayList<>();
        for (Map.Entry<Contributor, Double> e : weights.contributorShares().entrySet()) {
            contributors.add(
                    new Claim(e.getKey().tenantId(), e.getKey().memberId(), ContributorWeights.integer(e.getValue())));
        }
        List<Claim> validators = validators(creditedWeight);
        Claim owner = new Claim(
                version.tenantId(),
                version.ownerMemberId() == null ? new UUID(0, 0) : version.ownerMemberId(),
                BigInteger.ONE);
        List<ReceiptPayee> payees = ChargeSplit.split(served.charge(), shares, contributors, validators, owner);
        if (version.ownerMemberId() == null) {
            // A run a service key started has no member: the owner's part goes to the organization's treasury.
            payees = payees.stream()
                    .map(p -> p.memberId() != null && p.memberId().equals(owner.memberId())
                            ? new ReceiptPayee(p.role(), p.tenantId(), null, p.amount())
                            : p)
                    .toList();
        }
        UUID transfer = null;
        if (served.charge().signum() > 0) {
            transfer = transfers.split(
                    served.receiptId(),
                    served.holdingAccountId(),
                    version.tenantId(),
                    payees.stream()
                            .map(p -> new Credit(
                                    FeeSplitTransfers.Role.valueOf(p.role().name()),
                                    p.tenantId(),
                                    p.memberId(),
                                    p.amount()))
                            .toList(),
                    "Fee split of " + version.name() + " v" + version.version());
        }
        String roots = roots(version.releases());
        // PostgreSQL keeps microseconds: the content hash must be of what is stored.
        Instant servedAt = served.servedAt().truncatedTo(ChronoUnit.MICROS);
        String content = ReceiptContent.of(
                served.receiptId(),
                version.id(),
                version.baseSha256(),
                version.adapterSha256(),
                roots,
                traced.result().method(),
                traced.result().version(),
                records,
                shares,
                payees,
                served.charge(),
                served.currency(),
                servedAt);
        String contentSha = ReceiptContent.sha256(content);
        String promptSha = ReceiptContent.sha256(served.prompt());
        String outputSha = ReceiptContent.sha256(served.completion());
        Bytes32 leaf = new ReceiptLeaf(
                        served.receiptId(),
                        version.id(),
                        Bytes32.of("0x" + promptSha),
                        Bytes32.of("0x" + outputSha),
                        Bytes32.of("0x" + contentSha),
                        served.charge())
                .leaf();
        repository.add(new Receipt(
                new Receipt.Served(
                        served.receiptId(),
                        served.tenantId(),
                        version.tenantId(),
                        version.id(),
                        version.name(),
                        version.version(),
                        version.baseSha256(),
                        version.adapterSha256(),
                        roots,
                        served.prompt(),
                        served.completion(),
                        promptSha,
                        outputSha,
                        served.sharePrompt(),
                        served.promptTokens(),
                        served.completionTokens(),
                        served.charge(),
                        served.currency(),
                        servedAt),
                traced.result().method(),
                traced.result().version(),
                spans(traced),
                shares,
                records,
                payees,
                transfer,
                contentSha,
                leaf.hex()));
        int legs = payees.size();
        LOG.info(() -> String.format(
                java.util.Locale.ROOT,
                "Receipt %s: %d records traced in %.1f ms, %d legs, %.1f ms after serving",
                served.receiptId(),
                records.size(),
                traceMicros / 1000.0,
                legs,
                java.time.Duration.between(served.servedAt(), Instant.now()).toNanos() / 1e6));
    }

    private Traced trace(PublishedVersion version, InferenceServed served) {
        TrainedRun run = runs.completed(version.runId())
                .orElseThrow(() -> new IllegalStateException(
                        "The run of model version " + version.id() + " is not a completed run"));
        if (!AttributionIndexes.exists(run.runDirectory())) {
            // Published before attribution existed (the demo's model), or its index was lost: build it on first need.
            indexes.build(run);
        }
        if (version.retrievalTopK() != null && !served.retrievedRecordIds().isEmpty()) {
            // The answer read these records in its prompt: ablate exactly them (leave-one-out), not the training set.
            List<String> ids =
                    served.retrievedRecordIds().stream().map(UUID::toString).toList();
            Map<String, String> texts = retrieval.texts(version.runId(), ids);
            List<RetrievedRecord> inContext = new ArrayList<>();
            for (String id : ids) {
                String text = texts.get(id);
                if (text == null) throw new IllegalStateException("Retrieved record " + id + " is not in the index");
                inContext.add(new RetrievedRecord(id, text, 0));
            }
            return indexes.traceRetrieved(version.id(), run, served.prompt(), served.completion(), inContext);
        }
        return indexes.trace(version.id(), run, served.prompt(), served.completion());
    }

    /** Validators who approved the credited records share each record's weight equally, summed per validator. */
    private List<Claim> validators(Map<UUID, Double> creditedWeight) {
        Map<Approver, Double> shares = new LinkedHashMap<>();
        Map<UUID, List<Approver>> approvers = approvals.of(creditedWeight.keySet());
        for (Map.Entry<UUID, Double> e : creditedWeight.entrySet()) {
            List<Approver> of = approvers.getOrDefault(e.getKey(), List.of());
            for (Approver a : of) shares.merge(a, e.getValue() / of.size(), Double::sum);
        }
        List<Claim> claims = new ArrayList<>();
        shares.forEach((a, w) -> claims.add(new Claim(a.tenantId(), a.memberId(), ContributorWeights.integer(w))));
        return claims;
    }

    static String roots(List<ReleaseRef> releases) {
        JsonArrayBuilder roots = Json.createArrayBuilder();
        for (ReleaseRef r : releases) {
            roots.add(Json.createObjectBuilder()
                    .add("dataNetId", r.dataNetId().toString())
                    .add("version", r.version())
                    .add("merkleRoot", r.merkleRoot()));
        }
        return roots.build().toString();
    }

    private static String spans(Traced traced) {
        JsonArrayBuilder spans = Json.createArrayBuilder();
        for (AttributionIndexes.Span s : traced.spans()) {
            JsonArrayBuilder ids = Json.createArrayBuilder();
            s.recordIds().forEach(ids::add);
            spans.add(Json.createObjectBuilder()
                    .add("text", s.text())
                    .add("start", s.start())
                    .add("length", s.length())
                    .add("recordIds", ids));
        }
        return spans.build().toString();
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
