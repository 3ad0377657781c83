package io.tributary.web.rewards;

import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.Trib;
import io.tributary.application.rewards.WalletService;
import io.tributary.persistence.rewards.payout.PayoutRun;
import io.tributary.web.rewards.WalletViews.AddressView;
import io.tributary.web.rewards.WalletViews.RunView;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

/** The member's side of payouts on the wallet page: their withdrawal address and withdrawing their earnings. */
@Named
@ViewScoped
public class Withdrawals implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient WalletService wallets;

    @Inject
    transient PayoutService payouts;

    @Inject
    CurrentActor actor;

    /** One key per page view, so a double click on "Withdraw" sends the earnings once. */
    private final String idempotencyKey = "page:" + UUID.randomUUID();

    private transient Optional<AddressView> address;
    private String newAddress;
    private RunView lastWithdrawal;

    public AddressView getAddress() {
        if (address == null) {
            address = wallets.address(actor.get()).map(AddressView::of);
        }
        return address.orElse(null);
    }

    public void save() {
        Feedback.attempt(() -> wallets.registerAddress(actor.get(), newAddress), null)
                .ifPresent(a -> {
                    AddressView saved = AddressView.of(a);
                    Feedback.inform(
                            saved.usable()
                                    ? "Withdrawal address saved; payouts go to it from now on."
                                    : "Withdrawal address saved. It is usable from " + saved.usableFrom()
                                            + ", after your organization's cooling-off period.");
                    address = Optional.of(saved);
                    newAddress = null;
                });
    }

    public void remove() {
        Feedback.attempt(() -> wallets.removeAddress(actor.get()), "Withdrawal address removed.");
        address = null;
    }

    public void withdraw() {
        Feedback.attempt(
                        () -> payouts.withdraw(
                                actor.get(), new io.tributary.application.IdempotencyKey(idempotencyKey, "page")),
                        null)
                .ifPresent(run -> {
                    boolean again =
                            lastWithdrawal != null && lastWithdrawal.id().equals(run.getId());
                    lastWithdrawal = RunView.of(run);
                    Feedback.inform(
                            again
                                    ? "This page already sent that withdrawal; reload the page to withdraw again."
                                    : describe(run));
                });
    }

    private static String describe(PayoutRun run) {
        String amount = Trib.format(run.getTotal()) + " " + Trib.CURRENCY;
        return switch (run.getStatus()) {
            case AWAITING_APPROVAL -> "Withdrawal of " + amount + " requested; an org admin approves it first.";
            default -> "Withdrawal of " + amount + " is on its way to your address.";
        };
    }

    public RunView getLastWithdrawal() {
        return lastWithdrawal;
    }

    public String getNewAddress() {
        return newAddress;
    }

    public void setNewAddress(String newAddress) {
        this.newAddress = newAddress;
    }
}
