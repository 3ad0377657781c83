package io.tributary.web.attribution.dispute;

import io.tributary.application.attribution.dispute.DisputeDraft;
import io.tributary.application.attribution.dispute.DisputeService;
import io.tributary.application.attribution.dispute.DisputeView;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** The disputes page: a contributor's disputes and the form to open one; a validator's disputes to decide. */
@Named
@ViewScoped
public class Disputes implements Serializable {

    @Inject
    transient DisputeService disputes;

    @Inject
    CurrentActor actor;

    private String receiptId;
    private String kind = "NOT_CREDITED";
    private String recordId;
    private String copiedByRecordId;
    private String statement;
    private List<DisputeView> mine;
    private List<DisputeView> toReview;

    public List<DisputeView> getMine() {
        if (mine == null) mine = disputes.mine(actor.get());
        return mine;
    }

    public List<DisputeView> getToReview() {
        if (toReview == null) toReview = disputes.toReview(actor.get());
        return toReview;
    }

    public void open() {
        Feedback.attempt(
                        () -> disputes.open(
                                actor.get(),
                                new DisputeDraft(
                                        uuid(receiptId), kind, uuid(recordId), uuid(copiedByRecordId), statement)),
                        "Dispute opened: the DataNet's validators will decide it.")
                .ifPresent(d -> {
                    mine = null;
                    statement = null;
                    copiedByRecordId = null;
                });
    }

    /** Blank is none; anything else that is not a UUID names nothing, which the service reports as not found. */
    private static UUID uuid(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }

    public String getReceiptId() {
        return receiptId;
    }

    public void setReceiptId(String receiptId) {
        this.receiptId = receiptId;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getRecordId() {
        return recordId;
    }

    public void setRecordId(String recordId) {
        this.recordId = recordId;
    }

    public String getCopiedByRecordId() {
        return copiedByRecordId;
    }

    public void setCopiedByRecordId(String copiedByRecordId) {
        this.copiedByRecordId = copiedByRecordId;
    }

    public String getStatement() {
        return statement;
    }

    public void setStatement(String statement) {
        this.statement = statement;
    }
}
