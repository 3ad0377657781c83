package io.tributary.web.rewards;

import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.WalletHealth;
import io.tributary.application.rewards.WalletService;
import io.tributary.application.rewards.WalletViews.AlertView;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import io.tributary.web.shell.PagedTable;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.UUID;

/** The admin console's wallets page: every wallet's health, open reconciliation alerts, lifting a freeze. */
@Named
@ViewScoped
public class WalletHealthBoard implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient WalletService wallets;

    @Inject
    transient PayoutService payouts;

    @Inject
    CurrentActor actor;

    private final PagedTable<WalletHealth> health = new PagedTable<>() {
        @Override
        protected Page<WalletHealth> page(PageRequest request) {
            return wallets.health(actor.get(), request);
        }

        @Override
        protected Object key(WalletHealth row) {
            return row.walletId();
        }
    };

    private final PagedTable<AlertView> alerts = new PagedTable<>() {
        @Override
        protected Page<AlertView> page(PageRequest request) {
            return wallets.openAlerts(actor.get(), request);
        }

        @Override
        protected Object key(AlertView row) {
            return row.id();
        }
    };

    private UUID unfreezing;
    private String resolution;

    public PagedTable<WalletHealth> getHealth() {
        return health;
    }

    public PagedTable<AlertView> getAlerts() {
        return alerts;
    }

    /** Remembers which wallet the dialog resolves. */
    public void askUnfreeze(UUID walletId) {
        unfreezing = walletId;
        resolution = null;
    }

    public void unfreeze() {
        Feedback.attempt(
                        () -> {
                            wallets.unfreeze(actor.get(), unfreezing, resolution);
                            return unfreezing;
                        },
                        "Alerts resolved; the wallet pays out again.")
                .ifPresent(id -> {
                    unfreezing = null;
                    resolution = null;
                });
    }

    /** Starts today's scheduled payouts now instead of at 03:00 UTC. */
    public void runSchedule() {
        Feedback.attempt(() -> payouts.runSchedule(actor.get()), "Schedule run.")
                .ifPresent(runs -> Feedback.inform(runs.size() + " scheduled payout run(s) started."));
    }

    /** After a master-key rotation: every wallet's data key sealed under the current master key. */
    public void rewrapKeys() {
        Feedback.attempt(() -> wallets.rewrapKeys(actor.get()), "Every wallet key opened and checked.")
                .ifPresent(moved -> Feedback.inform(moved + " wallet key(s) moved to the current master key."));
    }

    public String getResolution() {
        return resolution;
    }

    public void setResolution(String resolution) {
        this.resolution = resolution;
    }
}
