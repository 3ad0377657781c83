package io.tributary.web.attribution.dispute;

import io.tributary.application.attribution.dispute.DisputeDecision;
import io.tributary.application.attribution.dispute.DisputeService;
import io.tributary.application.attribution.dispute.DisputeView;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;

/** One dispute with its evidence; a validator of the DataNet upholds it (with a correction) or rejects it here. */
@Named
@ViewScoped
public class DisputePage implements Serializable {

    @Inject
    transient DisputeService disputes;

    @Inject
    CurrentActor actor;

    private String id;
    private DisputeView dispute;
    private String verdict = "uphold";
    private String reason;
    private BigDecimal correction;

    /** Loads the dispute named by {@code id}; 404 for anyone but the disputer and the DataNet's validators. */
    public void load() throws IOException {
        dispute = Feedback.load(id, d -> disputes.dispute(actor.get(), d)).orElse(null);
    }

    public void decide() {
        Feedback.attempt(
                        () -> disputes.decide(
                                actor.get(), dispute.id(), new DisputeDecision(verdict, reason, correction)),
                        "Decided.")
                .ifPresent(d -> dispute = d);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public DisputeView getDispute() {
        return dispute;
    }

    public String getVerdict() {
        return verdict;
    }

    public void setVerdict(String verdict) {
        this.verdict = verdict;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public BigDecimal getCorrection() {
        return correction;
    }

    public void setCorrection(BigDecimal correction) {
        this.correction = correction;
    }
}
