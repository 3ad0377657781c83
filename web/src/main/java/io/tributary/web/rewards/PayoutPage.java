package io.tributary.web.rewards;

import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.SettlementChain;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.persistence.tenancy.Member;
import io.tributary.web.rewards.WalletViews.RunDetail;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.UUID;
import java.util.stream.Collectors;

/** One payout run: who it pays, in which batches, and the transactions that carry them. */
@Named
@ViewScoped
public class PayoutPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient PayoutService payouts;

    @Inject
    transient MembershipService membership;

    @Inject
    transient SettlementChain chain;

    @Inject
    CurrentActor actor;

    private String id;
    // Kept for the view, so the recipients table pages through the run that was loaded.
    private transient RunDetail detail;

    /** Loads the run named by the {@code id} view parameter; 404 when there is none in this organization. */
    public void load() throws IOException {
        detail = Feedback.load(id, runId -> {
                    var emails = membership.members(actor.get()).stream()
                            .collect(Collectors.toMap(Member::getId, Member::getEmail, (a, b) -> a));
                    return RunDetail.of(payouts.detail(actor.get(), runId), emails, chain::explorerLink);
                })
                .orElse(null);
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
