package io.tributary.web.rewards;

import io.tributary.application.Conflict;
import io.tributary.application.IdempotencyKey;
import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.Trib;
import io.tributary.application.rewards.WalletChanges;
import io.tributary.application.rewards.WalletService;
import io.tributary.application.rewards.WalletViews.ChangeView;
import io.tributary.application.rewards.WalletViews.DepositView;
import io.tributary.application.rewards.WalletViews.PolicyView;
import io.tributary.application.rewards.WalletViews.RunView;
import io.tributary.application.rewards.WalletViews.TransactionView;
import io.tributary.application.rewards.WalletViews.WalletSummary;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.rewards.custody.WalletChangeStatus;
import io.tributary.persistence.rewards.payout.PayoutKind;
import io.tributary.persistence.rewards.payout.PayoutStatus;
import io.tributary.web.rest.Outage;
import io.tributary.web.rest.ProblemMapper;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.ChartSettings;
import io.tributary.web.shell.Feedback;
import io.tributary.web.shell.Formats;
import io.tributary.web.shell.PagedTable;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The organization's wallet page: balances, withdrawal policy, payout runs and their approval, transactions. */
@Named
@ViewScoped
public class OrganizationWallet implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How long an open page keeps refreshing itself; a reload starts again. */
    private static final Duration POLLING = Duration.ofMinutes(30);

    @Inject
    transient WalletService wallets;

    @Inject
    transient PayoutService payouts;

    @Inject
    transient WalletChanges walletChanges;

    @Inject
    CurrentActor actor;

    @Inject
    transient Formats fmt;

    /**
     * One key per page view: a second click on "Pay out now" (or a retried request) returns the run the first one
     * started instead of starting another.
     */
    private final String idempotencyKey = "page:" + UUID.randomUUID();

    private final Instant openedAt = Instant.now();

    // Read once per request that needs them and kept for the view, so a table's buttons act on the rows shown;
    // the poll, the refresh button and every action drop them.
    private transient Optional<WalletSummary> wallet;
    private transient List<RunView> awaitingApproval;
    private transient String payoutTrend;

    private final PagedTable<RunView> runs = new PagedTable<>() {
        @Override
        protected Page<RunView> page(ListQuery query) {
            return payouts.runs(actor.get(), query);
        }

        @Override
        protected Columns columns() {
            return payouts.runColumns();
        }

        @Override
        protected Object key(RunView row) {
            return row.id();
        }
    };

    private final PagedTable<TransactionView> transactions = new PagedTable<>() {
        @Override
        protected Page<TransactionView> page(PageRequest request) {
            return wallets.transactions(actor.get(), request);
        }

        @Override
        protected Object key(TransactionView row) {
            return row.id();
        }
    };

    private final PagedTable<DepositView> deposits = new PagedTable<>() {
        @Override
        protected Page<DepositView> page(PageRequest request) {
            return wallets.deposits(actor.get(), request);
        }

        @Override
        protected Object key(DepositView row) {
            return row.txHash() + ":" + row.logIndex();
        }
    };

    private String unavailable;
    private UUID lastStarted;
    private BigDecimal dailyLimit;
    private BigDecimal approvalThreshold;
    private BigDecimal payoutMinimum;
    private Integer coolingOffHours;
    private boolean scheduledPayouts;
    private boolean policyLoaded;
    private UUID rejecting;
    private String rejectReason;
    private UUID rejectingChange;
    private String changeReason;
    private transient List<ChangeView> openChanges;

    public boolean isExists() {
        return wallet().isPresent();
    }

    /** Why the wallet cannot be shown right now (no chain configured, custody down), or null. */
    public String getUnavailable() {
        wallet();
        return unavailable;
    }

    public WalletSummary getWallet() {
        return wallet().orElse(null);
    }

    private Optional<WalletSummary> wallet() {
        if (wallet == null) {
            try {
                wallet = wallets.view(actor.get());
                unavailable = null;
            } catch (RuntimeException e) {
                // An unconfigured chain or unreachable custody is the platform's state, not an error in this page.
                Throwable cause = ProblemMapper.unwrap(e);
                String why = cause instanceof Conflict conflict
                        ? conflict.getMessage()
                        : Outage.of(e).map(Outage::message).orElseThrow(() -> e);
                unavailable = why;
                wallet = Optional.empty();
                return wallet;
            }
            wallet.ifPresent(w -> {
                if (!policyLoaded) {
                    showPolicy(w.policy());
                }
            });
        }
        return wallet;
    }

    public PayoutKind[] getRunKinds() {
        return PayoutKind.values();
    }

    public PayoutStatus[] getRunStatuses() {
        return PayoutStatus.values();
    }

    public PagedTable<RunView> getRuns() {
        return runs;
    }

    /** Runs waiting for a second admin: the first page of them (they are few: each blocks its organization's money). */
    public List<RunView> getAwaitingApproval() {
        if (awaitingApproval == null) {
            awaitingApproval = payouts.runs(actor.get(), PayoutStatus.AWAITING_APPROVAL, PageRequest.FIRST)
                    .items();
        }
        return awaitingApproval;
    }

    /**
     * The last runs' totals in TRIB, oldest first, as a Chart.js bar chart for {@code <p:chart>}; null with fewer than
     * two runs, when there is no trend to show.
     */
    public String getPayoutTrend() {
        if (payoutTrend == null) {
            List<RunView> recent = new java.util.ArrayList<>(
                    payouts.runs(actor.get(), null, new PageRequest(1, 12)).items());
            java.util.Collections.reverse(recent);
            if (recent.size() < 2) {
                payoutTrend = "";
            } else {
                JsonArrayBuilder labels = Json.createArrayBuilder();
                JsonArrayBuilder totals = Json.createArrayBuilder();
                for (RunView run : recent) {
                    labels.add(fmt.date(run.createdAt()));
                    totals.add(new BigDecimal(run.total()).movePointLeft(Trib.DECIMALS));
                }
                payoutTrend = ChartSettings.of(
                        "bar",
                        labels,
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("label", "Paid out (TRIB)")
                                        .add("data", totals)
                                        .add("backgroundColor", "#0f766e")),
                        ChartSettings.fromZero()
                                .add(
                                        "plugins",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "legend",
                                                        Json.createObjectBuilder()
                                                                .add("display", false))));
            }
        }
        return payoutTrend.isEmpty() ? null : payoutTrend;
    }

    public PagedTable<TransactionView> getTransactions() {
        return transactions;
    }

    public PagedTable<DepositView> getDeposits() {
        return deposits;
    }

    /** "Reconciled at block N", "Payouts frozen: reason", or why there is no verdict yet. */
    public String getReconciliation() {
        WalletSummary w = getWallet();
        if (w == null) return "";
        if (w.frozen()) return "Payouts frozen: " + w.frozenReason();
        if (w.reconciledBlock() == null)
            return "Not reconciled yet: the first check runs once the wallet has activity.";
        if (Boolean.FALSE.equals(w.reconciledOk()))
            return "Difference found at block " + String.format(java.util.Locale.ENGLISH, "%,d", w.reconciledBlock());
        return "Reconciled at block " + String.format(java.util.Locale.ENGLISH, "%,d", w.reconciledBlock());
    }

    public String getReconciliationStyle() {
        WalletSummary w = getWallet();
        if (w == null || w.reconciledBlock() == null && !w.frozen()) return "reconciliation";
        return w.frozen() || Boolean.FALSE.equals(w.reconciledOk())
                ? "reconciliation reconciliation-bad"
                : "reconciliation reconciliation-ok";
    }

    public boolean isPollingOver() {
        return Instant.now().isAfter(openedAt.plus(POLLING));
    }

    /** The poll: runs and transactions move on their own as the sender and the chain progress. */
    public void refreshActivity() {
        // The lazy tables query again when they render; only the approval list is held.
        awaitingApproval = null;
    }

    public void refresh() {
        refreshActivity();
        wallet = null;
    }

    public String create() {
        return Feedback.attempt(
                        () -> wallets.create(actor.get()),
                        "Wallet created. Deposit TRIB to its address to fund your treasury.")
                .map(w -> {
                    FacesContext.getCurrentInstance()
                            .getExternalContext()
                            .getFlash()
                            .setKeepMessages(true);
                    return "/organization/wallet.xhtml?faces-redirect=true";
                })
                .orElse(null);
    }

    public void savePolicy() {
        Feedback.attempt(
                        () -> wallets.updatePolicy(
                                actor.get(),
                                dailyLimit,
                                approvalThreshold,
                                payoutMinimum,
                                coolingOffHours,
                                scheduledPayouts,
                                null),
                        null)
                .ifPresent(change -> {
                    if (change.applied()) {
                        Feedback.inform("Withdrawal policy saved.");
                    } else {
                        Feedback.inform("Policy change requested: " + change.whyApproval()
                                + ", so another org admin must approve it; it then takes effect after the"
                                + " cooling-off period.");
                    }
                    policyLoaded = false;
                    wallet = null;
                    openChanges = null;
                });
    }

    /** Policy changes and grants still waiting for a second org admin or for their cooling-off, oldest first. */
    public List<ChangeView> getOpenChanges() {
        if (openChanges == null) {
            openChanges = walletChanges.changes(actor.get(), 200).stream()
                    .filter(c -> WalletChangeStatus.valueOf(c.status()).isOpen())
                    .sorted(java.util.Comparator.comparing(ChangeView::createdAt))
                    .toList();
        }
        return openChanges;
    }

    public void approveChange(UUID changeId) {
        Feedback.attempt(
                        () -> walletChanges.approve(actor.get(), changeId),
                        "Approved; it takes effect after the cooling-off period.")
                .ifPresent(c -> {
                    openChanges = null;
                    policyLoaded = false;
                    wallet = null;
                });
    }

    public void askChangeRejection(UUID changeId) {
        rejectingChange = changeId;
        changeReason = null;
    }

    public void rejectChange() {
        Feedback.attempt(() -> walletChanges.reject(actor.get(), rejectingChange, changeReason), "Change stopped.")
                .ifPresent(c -> {
                    rejectingChange = null;
                    changeReason = null;
                    openChanges = null;
                });
    }

    public String getChangeReason() {
        return changeReason;
    }

    public void setChangeReason(String changeReason) {
        this.changeReason = changeReason;
    }

    public void payOut() {
        Optional<RunView> started =
                Feedback.attempt(() -> payouts.start(actor.get(), new IdempotencyKey(idempotencyKey, "page")), null);
        started.ifPresent(run -> {
            String message;
            PayoutStatus status = PayoutStatus.valueOf(run.status());
            if (run.id().equals(lastStarted)) {
                message = "This page already started that payout (" + describe(status)
                        + "); reload the page to start another.";
            } else if (status == PayoutStatus.AWAITING_APPROVAL) {
                message = "Payout of " + fmt.trib(run.total()) + " to " + fmt.count(run.recipients())
                        + " member(s) requested; it is above the approval threshold, so a second org admin must"
                        + " approve it.";
            } else {
                message = "Payout of " + fmt.trib(run.total()) + " to " + fmt.count(run.recipients())
                        + " member(s) started.";
            }
            lastStarted = run.id();
            Feedback.inform(message);
            refresh();
        });
    }

    public void approve(UUID runId) {
        Feedback.attempt(() -> payouts.approve(actor.get(), runId), "Payout approved; it is on its way.")
                .ifPresent(r -> refresh());
    }

    /** Remembers which run the rejection dialog is about. */
    public void askRejection(UUID runId) {
        rejecting = runId;
        rejectReason = null;
    }

    public void reject() {
        Feedback.attempt(() -> payouts.reject(actor.get(), rejecting, rejectReason), "Payout rejected.")
                .ifPresent(r -> {
                    rejecting = null;
                    rejectReason = null;
                    refresh();
                });
    }

    private void showPolicy(PolicyView p) {
        dailyLimit = trib(p.dailyLimit());
        approvalThreshold = trib(p.approvalThreshold());
        payoutMinimum = trib(p.payoutMinimum());
        coolingOffHours = p.coolingOffHours();
        scheduledPayouts = p.scheduledPayouts();
        policyLoaded = true;
    }

    private static BigDecimal trib(BigInteger baseUnits) {
        BigDecimal value =
                new BigDecimal(baseUnits).movePointLeft(Trib.DECIMALS).stripTrailingZeros();
        // 1E+5 would show in the form as such; people type 100000.
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private static String describe(PayoutStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    public BigDecimal getDailyLimit() {
        return dailyLimit;
    }

    public void setDailyLimit(BigDecimal dailyLimit) {
        this.dailyLimit = dailyLimit;
    }

    public BigDecimal getApprovalThreshold() {
        return approvalThreshold;
    }

    public void setApprovalThreshold(BigDecimal approvalThreshold) {
        this.approvalThreshold = approvalThreshold;
    }

    public BigDecimal getPayoutMinimum() {
        return payoutMinimum;
    }

    public void setPayoutMinimum(BigDecimal payoutMinimum) {
        this.payoutMinimum = payoutMinimum;
    }

    public Integer getCoolingOffHours() {
        return coolingOffHours;
    }

    public void setCoolingOffHours(Integer coolingOffHours) {
        this.coolingOffHours = coolingOffHours;
    }

    public boolean isScheduledPayouts() {
        return scheduledPayouts;
    }

    public void setScheduledPayouts(boolean scheduledPayouts) {
        this.scheduledPayouts = scheduledPayouts;
    }

    public String getRejectReason() {
        return rejectReason;
    }

    public void setRejectReason(String rejectReason) {
        this.rejectReason = rejectReason;
    }
}
