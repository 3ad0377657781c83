package io.tributary.web.rewards;

import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.WalletViews.RunDetail;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.UUID;

/** One payout run: who it pays, in which batches, and the transactions that carry them. */
@Named
@ViewScoped
public class PayoutPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient PayoutService payouts;

    @Inject
    CurrentActor actor;

    private String id;
    // Kept for the view, so the recipients table pages through the run that was loaded.
    private transient RunDetail detail;

    /** Loads the run named by the {@code id} view parameter; 404 when there is none in this organization. */
    public void load() throws IOException {
        detail = Feedback.load(id, runId -> payouts.detail(actor.get(), runId)).orElse(null);
    }

    /** The batch's number in the run, counted from 1, for the recipients table. */
    public String batchNumber(UUID batchId) {
        if (detail == null || batchId == null) return "";
        return detail.batches().stream()
                .filter(b -> b.id().equals(batchId))
                .map(b -> String.valueOf(b.sequence() + 1))
                .findFirst()
                .orElse("");
    }

    public RunDetail getDetail() {
        return detail;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
