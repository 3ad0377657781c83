package io.tributary.application.attribution.dispute;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.InvalidInput;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.curation.ReleaseService;
import io.tributary.application.curation.ReviewService;
import io.tributary.application.datanet.ContributionService;
import io.tributary.application.datanet.ContributionState;
import io.tributary.application.datanet.ContributionView;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.rewards.DisputeCorrections;
import io.tributary.application.rewards.Trib;
import io.tributary.application.tenancy.Inbox;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.attribution.AttributionRepository;
import io.tributary.persistence.attribution.PayeeRole;
import io.tributary.persistence.attribution.Receipt;
import io.tributary.persistence.attribution.ReceiptPayee;
import io.tributary.persistence.attribution.ReceiptRecord;
import io.tributary.persistence.attribution.dispute.Dispute;
import io.tributary.persistence.attribution.dispute.DisputeKind;
import io.tributary.persistence.attribution.dispute.DisputeRepository;
import io.tributary.persistence.attribution.dispute.DisputeStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Disputes of attribution receipts. A contributor disputes a receipt of a model trained on one of their records; a
 * validator of that record's DataNet (never the disputer) decides with the evidence; an upheld dispute pays the
 * contributor by a new ADJUSTMENT transfer ({@link DisputeCorrections}), never by editing the receipt; every step is
 * audited and the contributor is told the decision.
 */
@Stateless
public class DisputeService {

    /** Lists show this many disputes. */
    static final int LIST_SIZE = 200;

    @Inject
    DisputeRepository disputes;

    @Inject
    AttributionRepository receipts;

    @Inject
    ContributionService contributions;

    @Inject
    DataNetService dataNets;

    @Inject
    ReviewService reviews;

    @Inject
    ReleaseService releases;

    @Inject
    DisputeCorrections corrections;

    @Inject
    MemberNames names;

    @Inject
    Inbox inbox;

    @Inject
    AuditLog audit;

    /**
     * Opens a dispute of the receipt about one of the actor's records.
     *
     * @throws NotFound when the receipt does not exist or its model was not trained on the actor's record (the same
     *     answer, so nobody learns of other organizations' receipts)
     */
    public DisputeView open(Actor actor, DisputeDraft draft) {
        if (actor.memberId() == null) {
            throw new AccessDenied("Only a member disputes a receipt about their record; a service key cannot.");
        }
        InputCheck check = new InputCheck();
        DisputeKind kind = null;
        String kindText =
                draft == null || draft.kind() == null ? "" : draft.kind().strip();
        try {
            kind = DisputeKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            check.fail(
                    "kind",
                    "Choose NOT_CREDITED (my record should have been credited) or COPIED (a credited"
                            + " record copies mine).");
        }
        String statement = check.text("statement", draft == null ? null : draft.statement(), 2000);
        if (statement.isEmpty()) {
            check.fail("statement", "Say why: the validators read it with the evidence.");
        }
        UUID recordId = draft == null ? null : draft.recordId();
        if (recordId == null) {
            check.fail("recordId", "Name your record the receipt is about.");
        }
        UUID receiptId = draft == null ? null : draft.receiptId();
        if (receiptId == null) {
            check.fail("receiptId", "Name the receipt you dispute.");
        }
        check.done();
        // The record first: someone naming another's record learns nothing about the receipt.
        ContributionState record = contributions
                .state(recordId)
                .filter(r -> r.contributorMemberId().equals(actor.memberId()))
                .orElseThrow(() -> new InvalidInput("recordId", "No record " + recordId + " of yours."));
        NotFound unknown = new NotFound("No receipt " + receiptId + " of a model trained on your record.");
        Receipt receipt = receipts.receipt(receiptId).orElseThrow(() -> unknown);
        if (!trainedOn(receipt, record)) {
            throw unknown;
        }
        UUID copiedBy = draft.copiedByRecordId();
        if (kind == DisputeKind.COPIED) {
            ReceiptRecord copying = receipt.getRecords().stream()
                    .filter(r -> r.recordId().equals(copiedBy)
                            || r.creditedRecordId().equals(copiedBy))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInput(
                            "copiedByRecordId", "Name the record this receipt credits that copies yours."));
            if (copying.contributorMemberId().equals(actor.memberId()) || recordId.equals(copiedBy)) {
                throw new InvalidInput(
                        "copiedByRecordId", "That record is yours: a copy of your own earns you anyway.");
            }
        } else if (copiedBy != null) {
            throw new InvalidInput("copiedByRecordId", "Only a COPIED dispute names a copying record.");
        }
        Optional<DisputeStatus> earlier = disputes.statusOf(receiptId, recordId);
        if (earlier.isPresent()) {
            throw new Conflict(
                    earlier.get() == DisputeStatus.OPEN
                            ? "You already have an open dispute of this receipt about this record."
                            : "This receipt's dispute about this record was already decided; a decision is final.");
        }
        Dispute dispute = new Dispute(
                receiptId,
                actor.tenantId(),
                actor.memberId(),
                record.dataNetId(),
                kind,
                recordId,
                kind == DisputeKind.COPIED ? copiedBy : null,
                statement);
        disputes.add(dispute);
        audit.changed(
                actor,
                actor.tenantId(),
                "dispute.open",
                "receipt:" + receiptId,
                kind + " about record " + recordId + (copiedBy == null ? "" : " copied by " + copiedBy));
        return view(actor, dispute, true);
    }

    /** Decides an open dispute: a validator of the record's DataNet, never the disputer. */
    public DisputeView decide(Actor actor, UUID disputeId, DisputeDecision decision) {
        Dispute dispute = disputes.lock(disputeId).orElseThrow(() -> notFound(disputeId));
        if (!mayReview(actor, dispute)) {
            if (dispute.getMemberId().equals(actor.memberId())) {
                audit.refused(
                        actor,
                        actor.tenantId(),
                        "dispute.decide",
                        "dispute:" + disputeId,
                        io.tributary.persistence.audit.Outcome.DENIED,
                        "own dispute");
                throw new AccessDenied("Nobody decides their own dispute: a validator of the DataNet does.");
            }
            throw notFound(disputeId);
        }
        if (dispute.getStatus() != DisputeStatus.OPEN) {
            throw new Conflict("This dispute was already "
                    + dispute.getStatus().name().toLowerCase(Locale.ROOT) + "; a decision is final.");
        }
        InputCheck check = new InputCheck();
        String verdict = decision == null || decision.verdict() == null
                ? ""
                : decision.verdict().strip().toLowerCase(Locale.ROOT);
        if (!verdict.equals("uphold") && !verdict.equals("reject")) {
            check.fail("verdict", "Choose uphold or reject.");
        }
        String reason = check.text("reason", decision == null ? null : decision.reason(), 2000);
        if (reason.isEmpty()) {
            check.fail("reason", "Every decision needs a reason; the contributor reads it.");
        }
        BigInteger amount = null;
        // Locked: two decisions on one receipt's disputes never both spend what is left of its cap.
        Receipt receipt = receipts.receiptForUpdate(dispute.getReceiptId()).orElseThrow();
        BigInteger share = contributorsShare(receipt);
        BigInteger left = correctable(receipt);
        if (verdict.equals("uphold")) {
            if (decision.correction() == null || decision.correction().signum() <= 0) {
                check.fail("correction", "An upheld dispute pays the contributor: give a correction above 0 TRIB.");
            } else {
                try {
                    amount = Trib.parse("correction", decision.correction());
                } catch (InvalidInput e) {
                    e.violations().forEach(check::fail);
                }
                if (amount != null && amount.compareTo(left) > 0) {
                    check.fail(
                            "correction",
                            "At most " + Trib.format(left) + " " + Trib.CURRENCY + ": the platform pays corrections"
                                    + " from its fee on this receipt (" + Trib.format(platformFee(receipt)) + " "
                                    + Trib.CURRENCY + "), never beyond the contributors' share ("
                                    + Trib.format(share) + " " + Trib.CURRENCY + "), less earlier corrections.");
                }
            }
        } else if (decision != null
                && decision.correction() != null
                && decision.correction().signum() != 0) {
            check.fail("correction", "A rejected dispute pays nothing.");
        }
        check.done();
        String link = "/disputes/dispute.xhtml?id=" + disputeId;
        if (verdict.equals("uphold")) {
            UUID transfer = corrections.correct(
                    disputeId,
                    dispute.getReceiptId(),
                    dispute.getTenantId(),
                    dispute.getMemberId(),
                    amount,
                    "Upheld dispute of receipt " + dispute.getReceiptId() + ": " + reason);
            dispute.uphold(actor.memberId(), actor.name(), reason, amount, transfer);
            audit.changed(
                    actor,
                    dispute.getTenantId(),
                    "dispute.uphold",
                    "dispute:" + disputeId,
                    "receipt " + dispute.getReceiptId() + ", correction " + Trib.format(amount) + " " + Trib.CURRENCY
                            + " by transfer " + transfer + ": " + reason);
            inbox.notify(
                    dispute.getTenantId(),
                    dispute.getMemberId(),
                    "Your dispute of a receipt was upheld: " + Trib.format(amount) + " " + Trib.CURRENCY
                            + " was added to your earnings.",
                    link);
        } else {
            dispute.reject(actor.memberId(), actor.name(), reason);
            audit.changed(
                    actor,
                    dispute.getTenantId(),
                    "dispute.reject",
                    "dispute:" + disputeId,
                    "receipt " + dispute.getReceiptId() + ": " + reason);
            inbox.notify(
                    dispute.getTenantId(),
                    dispute.getMemberId(),
                    "Your dispute of a receipt was rejected: " + reason,
                    link);
        }
        return view(actor, dispute, true);
    }

    /** One dispute with its evidence, for the disputer and the DataNet's validators. */
    public DisputeView dispute(Actor actor, UUID disputeId) {
        Dispute dispute = disputes.find(disputeId).orElseThrow(() -> notFound(disputeId));
        if (!dispute.getMemberId().equals(actor.memberId()) && !mayReview(actor, dispute)) {
            throw notFound(disputeId);
        }
        return view(actor, dispute, true);
    }

    /** The actor's own disputes, newest first. */
    public List<DisputeView> mine(Actor actor) {
        if (actor.memberId() == null) return List.of();
        return disputes.ofMember(actor.memberId(), LIST_SIZE).stream()
                .map(d -> view(actor, d, false))
                .toList();
    }

    /** Disputes about records of DataNets the actor validates, open ones first. */
    public List<DisputeView> toReview(Actor actor) {
        if (actor.memberId() == null) return List.of();
        Set<UUID> validated = new HashSet<>();
        for (var d :
                dataNets.views(actor, ListQuery.of(new PageRequest(1, 200))).items()) {
            if (reviews.mayValidate(actor, d.id())) validated.add(d.id());
        }
        return disputes.ofDataNets(validated, LIST_SIZE).stream()
                .filter(d -> !d.getMemberId().equals(actor.memberId()))
                .map(d -> view(actor, d, false))
                .toList();
    }

    /**
     * A receipt's disputes and their corrections, for whoever may see the receipt (its caller's organization, the
     * members its split paid) and the disputers.
     */
    public List<DisputeView> ofReceipt(Actor actor, UUID receiptId) {
        Receipt receipt = receipts.receipt(receiptId).orElseThrow(() -> new NotFound("No receipt " + receiptId + "."));
        List<Dispute> all = disputes.ofReceipt(receiptId);
        boolean seesReceipt = receipt.getTenantId().equals(actor.tenantId())
                || (actor.memberId() != null
                        && receipt.getPayees().stream()
                                .anyMatch(p -> actor.memberId().equals(p.memberId())));
        boolean disputer = all.stream().anyMatch(d -> d.getMemberId().equals(actor.memberId()));
        if (!seesReceipt && !disputer) {
            throw new NotFound("No receipt " + receiptId + ".");
        }
        return all.stream().map(d -> view(actor, d, false)).toList();
    }

    /** Whether the model that served the receipt was trained on a release holding the record. */
    private boolean trainedOn(Receipt receipt, ContributionState record) {
        try (var reader = Json.createReader(new StringReader(receipt.getReleaseRoots()))) {
            for (JsonValue v : reader.readArray()) {
                JsonObject root = v.asJsonObject();
                if (UUID.fromString(root.getString("dataNetId")).equals(record.dataNetId())
                        && releases.contains(record.dataNetId(), root.getInt("version"), record.id())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean seesDataNet(Actor actor, UUID dataNetId) {
        try {
            dataNets.get(actor, dataNetId);
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    private boolean mayReview(Actor actor, Dispute dispute) {
        if (actor.memberId() == null || dispute.getMemberId().equals(actor.memberId())) return false;
        try {
            return reviews.mayValidate(actor, dispute.getDataNetId());
        } catch (NotFound e) {
            return false;
        }
    }

    private static BigInteger contributorsShare(Receipt receipt) {
        return paidTo(receipt, PayeeRole.CONTRIBUTOR);
    }

    private static BigInteger platformFee(Receipt receipt) {
        return paidTo(receipt, PayeeRole.PLATFORM);
    }

    private static BigInteger paidTo(Receipt receipt, PayeeRole role) {
        return receipt.getPayees().stream()
                .filter(p -> p.role() == role)
                .map(ReceiptPayee::amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    /**
     * What upheld disputes of the receipt may still pay, all together: the platform funds corrections from its own
     * fee on the receipt, so no decision of an organization's validator, however often repeated, pays out more than
     * the platform took; and never beyond what the receipt paid its contributors.
     */
    private BigInteger correctable(Receipt receipt) {
        BigInteger cap = platformFee(receipt).min(contributorsShare(receipt));
        return cap.subtract(disputes.corrected(receipt.getId())).max(BigInteger.ZERO);
    }

    private static NotFound notFound(UUID disputeId) {
        return new NotFound("No dispute " + disputeId + ".");
    }

    private DisputeView view(Actor actor, Dispute d, boolean withEvidence) {
        DisputeView.Evidence evidence = null;
        Set<UUID> people = new HashSet<>();
        people.add(d.getMemberId());
        if (d.getDecidedByMemberId() != null) people.add(d.getDecidedByMemberId());
        Receipt receipt = withEvidence ? receipts.receipt(d.getReceiptId()).orElse(null) : null;
        if (receipt != null) {
            receipt.getRecords().forEach(r -> people.add(r.contributorMemberId()));
        }
        MemberNames.Names named = names.forViewer(actor, people);
        if (receipt != null) {
            List<DisputeView.CreditedRecord> credited = new ArrayList<>();
            int rank = 1;
            for (ReceiptRecord r : receipt.getRecords()) {
                boolean inQuestion = r.recordId().equals(d.getRecordId())
                        || r.creditedRecordId().equals(d.getRecordId())
                        || r.recordId().equals(d.getCopiedByRecordId())
                        || r.creditedRecordId().equals(d.getCopiedByRecordId());
                credited.add(new DisputeView.CreditedRecord(
                        rank++,
                        r.recordId(),
                        r.creditedRecordId(),
                        named.of(r.contributorMemberId()),
                        r.score(),
                        r.weight(),
                        inQuestion));
            }
            List<DisputeView.Span> spans = new ArrayList<>();
            try (var reader = Json.createReader(new StringReader(receipt.getSpans()))) {
                for (JsonValue v : reader.readArray()) {
                    JsonObject o = v.asJsonObject();
                    spans.add(new DisputeView.Span(
                            o.getString("text"),
                            o.getJsonArray("recordIds").getValuesAs(JsonString.class).stream()
                                    .map(JsonString::getString)
                                    .toList()));
                }
            }
            ContributionView disputed = contributions.view(actor, d.getRecordId());
            ContributionView copying =
                    d.getCopiedByRecordId() == null ? null : contributions.view(actor, d.getCopiedByRecordId());
            if (copying != null && !seesDataNet(actor, copying.dataNetId())) {
                // A record of a DataNet the viewer may not read stays private: its id and scores are evidence enough.
                copying = null;
            }
            Double similarity = null;
            if (copying != null && d.getRecordId().equals(copying.similarTo())) {
                similarity = copying.similarity();
            }
            evidence = new DisputeView.Evidence(
                    receipt.getModelName(),
                    receipt.getModelVersion(),
                    receipt.getMethod(),
                    contributorsShare(receipt),
                    correctable(receipt),
                    credited,
                    spans,
                    disputed.fields(),
                    copying == null ? null : copying.fields(),
                    similarity);
        }
        return new DisputeView(
                d.getId(),
                d.getReceiptId(),
                d.getKind().name(),
                d.getStatus().name(),
                named.of(d.getMemberId()),
                d.getDataNetId(),
                d.getRecordId(),
                d.getCopiedByRecordId(),
                d.getStatement(),
                d.getOpenedAt(),
                d.getDecidedByMemberId() == null ? null : named.of(d.getDecidedByMemberId()),
                d.getDecisionReason(),
                d.getDecidedAt(),
                d.getCorrectionAmount(),
                d.getCorrectionTransferId(),
                mayReview(actor, d) && d.getStatus() == DisputeStatus.OPEN,
                evidence);
    }
}
