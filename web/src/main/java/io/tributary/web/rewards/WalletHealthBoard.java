package io.tributary.web.rewards;

import io.tributary.application.Actor;
import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.WalletHealth;
import io.tributary.application.rewards.WalletService;
import io.tributary.application.tenancy.TenantService;
import io.tributary.web.admin.WalletAdminResource;
import io.tributary.web.rewards.WalletViews.AlertView;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
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
    transient TenantService tenants;

    @Inject
    CurrentActor actor;

    // Kept for the view so the dialog's button acts on the wallet whose row was shown; actions drop them.
    private transient List<WalletHealth> health;
    private transient List<AlertView> alerts;
    private transient Map<UUID, String> names;

    private UUID unfreezing;
    private String resolution;

    public List<WalletHealth> getHealth() {
        if (health == null) {
            health = wallets.health(actor.get());
        }
        return health;
    }

    public List<AlertView> getAlerts() {
        if (alerts == null) {
            Actor staff = actor.get();
            var open = wallets.openAlerts(staff);
            alerts = open.stream().map(a -> AlertView.of(a, names(staff))).toList();
        }
        return alerts;
    }

    private Map<UUID, String> names(Actor staff) {
        if (names == null) {
            names = WalletAdminResource.tenantNames(tenants, staff);
        }
        return names;
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
        health = null;
        alerts = null;
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
