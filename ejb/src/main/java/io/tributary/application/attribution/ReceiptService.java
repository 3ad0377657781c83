package io.tributary.application.attribution;

import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.NotFound;
import io.tributary.application.attribution.ReceiptViews.CorrectionView;
import io.tributary.application.attribution.ReceiptViews.PayeeView;
import io.tributary.application.attribution.ReceiptViews.ReceiptSummary;
import io.tributary.application.attribution.ReceiptViews.ReceiptView;
import io.tributary.application.attribution.ReceiptViews.RecordView;
import io.tributary.application.attribution.ReceiptViews.ReleaseRoot;
import io.tributary.application.attribution.ReceiptViews.SpanView;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.chain.AnchorKind;
import io.tributary.chain.AnchoredProof;
import io.tributary.chain.Bytes32;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.MerkleTree;
import io.tributary.chain.ReceiptLeaf;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.attribution.AttributionRepository;
import io.tributary.persistence.attribution.PayeeRole;
import io.tributary.persistence.attribution.Receipt;
import io.tributary.persistence.attribution.ReceiptBatch;
import io.tributary.persistence.attribution.ReceiptPayee;
import io.tributary.persistence.attribution.ReceiptRecord;
import io.tributary.persistence.attribution.dispute.Dispute;
import io.tributary.persistence.attribution.dispute.DisputeRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Receipts as their viewers may see them. The calling organization sees its receipts in full. A member the split
 * paid (contributor, validator, model owner) sees that receipt without the prompt, unless the caller chose to share
 * prompts, and sees other payees only by role and amount. Everyone else gets "not found", as for any other
 * organization's data.
 */
@Stateless
public class ReceiptService {

    @Inject
    AttributionRepository repository;

    @Inject
    MemberNames names;

    @Inject
    RecordLabels labels;

    @Inject
    DisputeRepository disputes;

    /** The receipts of the actor's organization's inferences and those that paid the actor, newest first. */
    public Page<ReceiptSummary> receipts(Actor actor, PageRequest page) {
        UUID tenant = actor.requireTenant();
        return repository.visible(tenant, actor.memberId(), page).map(r -> summary(actor, r));
    }

    public ReceiptView receipt(Actor actor, UUID id) {
        Receipt r = visible(actor, id);
        boolean caller = r.getTenantId().equals(actor.tenantId());
        List<Dispute> disputed = disputes.ofReceipt(r.getId());
        Set<UUID> members = new HashSet<>();
        r.getRecords().forEach(x -> members.add(x.contributorMemberId()));
        r.getPayees().stream()
                .map(ReceiptPayee::memberId)
                .filter(Objects::nonNull)
                .forEach(members::add);
        disputed.forEach(d -> members.add(d.getMemberId()));
        MemberNames.Names named = names.forViewer(actor, members);
        List<ReleaseRoot> roots = roots(r.getReleaseRoots());
        Set<UUID> dataNetIds = new HashSet<>();
        roots.forEach(x -> dataNetIds.add(x.dataNetId()));
        r.getRecords().forEach(x -> dataNetIds.add(x.dataNetId()));
        Map<UUID, String> dataNetNames = labels.dataNetNames(actor, dataNetIds);
        Map<UUID, String> previews = labels.previews(
                actor,
                r.getRecords().stream().map(ReceiptRecord::recordId).distinct().toList(),
                dataNetNames.keySet());
        List<RecordView> records = new ArrayList<>();
        int rank = 1;
        for (ReceiptRecord x : r.getRecords()) {
            boolean mine = x.contributorMemberId().equals(actor.memberId());
            records.add(new RecordView(
                    rank++,
                    x.recordId(),
                    x.creditedRecordId(),
                    x.dataNetId(),
                    dataNetNames.get(x.dataNetId()),
                    previews.get(x.recordId()),
                    named.of(x.contributorMemberId()),
                    mine,
                    x.score(),
                    x.weight()));
        }
        List<PayeeView> payees = new ArrayList<>();
        for (ReceiptPayee p : r.getPayees()) {
            boolean mine = p.memberId() != null && p.memberId().equals(actor.memberId());
            String who = p.role() == PayeeRole.PLATFORM
                    ? "platform"
                    : caller || mine ? (p.memberId() == null ? "organization treasury" : named.of(p.memberId())) : null;
            payees.add(new PayeeView(p.role().name(), who, mine, p.amount()));
        }
        List<CorrectionView> corrections = new ArrayList<>();
        for (Dispute d : disputed) {
            boolean mine = d.getMemberId().equals(actor.memberId());
            corrections.add(new CorrectionView(
                    d.getId(),
                    d.getKind().name(),
                    d.getStatus().name(),
                    named.of(d.getMemberId()),
                    mine,
                    d.getRecordId(),
                    d.getOpenedAt(),
                    d.getDecidedAt(),
                    d.getDecisionReason(),
                    d.getCorrectionAmount(),
                    caller || mine ? d.getCorrectionTransferId() : null));
        }
        roots = roots.stream()
                .map(x -> new ReleaseRoot(x.dataNetId(), dataNetNames.get(x.dataNetId()), x.version(), x.merkleRoot()))
                .toList();
        boolean showPrompt = caller || r.isSharePrompt();
        ReceiptBatch batch =
                r.getBatchId() == null ? null : repository.batch(r.getBatchId()).orElse(null);
        return new ReceiptView(
                r.getId(),
                caller,
                r.getModelVersionId(),
                r.getModelName(),
                r.getModelVersion(),
                r.getBaseSha256(),
                r.getAdapterSha256(),
                roots,
                showPrompt ? r.getPrompt() : null,
                r.isSharePrompt(),
                r.getCompletion(),
                r.getPromptSha256(),
                r.getOutputSha256(),
                r.getPromptTokens(),
                r.getCompletionTokens(),
                r.getMethod(),
                r.getMethodVersion(),
                records,
                spans(r.getSpans()),
                r.getShares().contributors(),
                r.getShares().validators(),
                r.getShares().owner(),
                r.getShares().platform(),
                r.getCharge(),
                r.getCurrency(),
                caller ? r.getTransferId() : null,
                payees,
                List.copyOf(corrections),
                r.getContentSha256(),
                r.getLeaf(),
                r.getServedAt(),
                r.getAttributedAt(),
                r.getBatchId(),
                batch == null ? null : batch.getMerkleRoot(),
                batch == null ? null : batch.getChainId(),
                batch == null ? null : batch.getRegistry(),
                batch == null ? null : batch.getAnchorTransaction(),
                batch == null ? null : batch.getAnchoredBlock());
    }

    /**
     * The receipt's inclusion proof in the platform's one proof format ({@link AnchoredProof}, {@code tributary.proof.v1}):
     * the leaf's encoding and values, the sibling hashes up to the batch's root, where that root is anchored (chain id,
     * registry, transaction, block; null until anchored), and in {@code context.content} the canonical text whose
     * SHA-256 is the leaf's {@code contentSha256}.
     */
    public String proof(Actor actor, UUID id) {
        Receipt r = visible(actor, id);
        if (r.getBatchId() == null) {
            throw new Conflict(
                    "This receipt is not sealed in a Merkle batch yet; batches are sealed every few seconds.");
        }
        ReceiptBatch batch = repository.batch(r.getBatchId()).orElseThrow();
        MerkleTree tree = MerkleTree.ofNodes(batch.getTree());
        Bytes32 leaf = Bytes32.of(r.getLeaf());
        ReceiptLeaf values = new ReceiptLeaf(
                r.getId(),
                r.getModelVersionId(),
                Bytes32.of("0x" + r.getPromptSha256()),
                Bytes32.of("0x" + r.getOutputSha256()),
                Bytes32.of("0x" + r.getContentSha256()),
                r.getCharge());
        if (!values.leaf().equals(leaf) || !tree.root().hex().equals(batch.getMerkleRoot())) {
            throw new IllegalStateException("Receipt " + id + " no longer matches its batch");
        }
        Map<String, String> context = new LinkedHashMap<>();
        context.put("batchId", batch.getId().toString());
        context.put("modelVersion", r.getModelName() + " v" + r.getModelVersion());
        // What anchor.subject stands for, as release proofs say it: receipts' roots are anchored under their batch's
        // id.
        context.put("anchoredUnder", "batchId");
        // Not hashed into the leaf itself: its SHA-256 is (contentSha256), so a verifier hashes this exact text.
        context.put("content", content(r));
        AnchoredProof.Anchor anchor = batch.getAnchoredBlock() == null
                ? null
                : new AnchoredProof.Anchor(
                        batch.getChainId(),
                        EvmAddress.of(batch.getRegistry()),
                        AnchorKind.ATTRIBUTION_BATCH,
                        Bytes32.fromUuid(batch.getId()),
                        batch.getId().toString(),
                        batch.getAnchorTransaction(),
                        batch.getAnchoredBlock());
        return new AnchoredProof(
                        ReceiptLeaf.ENCODING,
                        values.fields(),
                        values.leafValues(),
                        leaf,
                        tree.proof(leaf),
                        tree.root(),
                        context,
                        anchor)
                .toJson();
    }

    /** The canonical content as written when the receipt was made (rebuilt from the stored values, then checked). */
    private static String content(Receipt r) {
        String text = ReceiptContent.of(
                r.getId(),
                r.getModelVersionId(),
                r.getBaseSha256(),
                r.getAdapterSha256(),
                r.getReleaseRoots(),
                r.getMethod(),
                r.getMethodVersion(),
                r.getRecords(),
                r.getShares(),
                r.getPayees(),
                r.getCharge(),
                r.getCurrency(),
                r.getServedAt());
        if (!ReceiptContent.sha256(text).equals(r.getContentSha256())) {
            throw new IllegalStateException("Receipt " + r.getId() + " no longer matches its content hash");
        }
        return text;
    }

    private Receipt visible(Actor actor, UUID id) {
        UUID tenant = actor.requireTenant();
        Optional<Receipt> found = id == null ? Optional.empty() : repository.receipt(id);
        return found.filter(r -> r.getTenantId().equals(tenant) || paid(r, actor))
                .orElseThrow(() -> new NotFound("No receipt " + id + "."));
    }

    private static boolean paid(Receipt r, Actor actor) {
        return actor.memberId() != null
                && r.getPayees().stream()
                        .anyMatch(p -> p.role() != PayeeRole.PLATFORM
                                && actor.memberId().equals(p.memberId())
                                && actor.tenantId().equals(p.tenantId()));
    }

    private static ReceiptSummary summary(Actor actor, Receipt r) {
        BigInteger mine = r.getPayees().stream()
                .filter(p -> actor.memberId() != null && actor.memberId().equals(p.memberId()))
                .map(ReceiptPayee::amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
        return new ReceiptSummary(
                r.getId(),
                r.getModelName(),
                r.getModelVersion(),
                r.getCharge(),
                r.getCurrency(),
                mine,
                r.getTenantId().equals(actor.tenantId()),
                r.getServedAt(),
                r.getBatchId() != null);
    }

    private static List<ReleaseRoot> roots(String json) {
        List<ReleaseRoot> roots = new ArrayList<>();
        try (var reader = Json.createReader(new StringReader(json))) {
            for (JsonValue v : reader.readArray()) {
                JsonObject o = v.asJsonObject();
                roots.add(new ReleaseRoot(
                        UUID.fromString(o.getString("dataNetId")),
                        null,
                        o.getInt("version"),
                        o.getString("merkleRoot")));
            }
        }
        return roots;
    }

    private static List<SpanView> spans(String json) {
        List<SpanView> spans = new ArrayList<>();
        try (var reader = Json.createReader(new StringReader(json))) {
            for (JsonValue v : reader.readArray()) {
                JsonObject o = v.asJsonObject();
                JsonArray ids = o.getJsonArray("recordIds");
                spans.add(new SpanView(
                        o.getString("text"),
                        o.getInt("start"),
                        o.getInt("length"),
                        ids.getValuesAs(jakarta.json.JsonString.class).stream()
                                .map(jakarta.json.JsonString::getString)
                                .toList()));
            }
        }
        return spans;
    }
}
