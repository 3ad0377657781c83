package io.tributary.application.rewards;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.IdempotencyKey;
import io.tributary.application.InputCheck;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.rewards.WalletViews.RunDetail;
import io.tributary.application.rewards.WalletViews.RunView;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.chain.Bytes32;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.rewards.AccountKind;
import io.tributary.persistence.rewards.CauseType;
import io.tributary.persistence.rewards.InsufficientFunds;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.LedgerAccount;
import io.tributary.persistence.rewards.Leg;
import io.tributary.persistence.rewards.TransferRequest;
import io.tributary.persistence.rewards.custody.ChainTransaction;
import io.tributary.persistence.rewards.custody.CustodialWallet;
import io.tributary.persistence.rewards.custody.TransactionPurpose;
import io.tributary.persistence.rewards.custody.WalletRepository;
import io.tributary.persistence.rewards.custody.WithdrawalAddress;
import io.tributary.persistence.rewards.custody.WithdrawalPolicy;
import io.tributary.persistence.rewards.payout.PayoutKind;
import io.tributary.persistence.rewards.payout.PayoutLine;
import io.tributary.persistence.rewards.payout.PayoutRepository;
import io.tributary.persistence.rewards.payout.PayoutRun;
import io.tributary.persistence.rewards.payout.PayoutRunBatch;
import io.tributary.persistence.rewards.payout.PayoutStatus;
import io.tributary.persistence.tenancy.Role;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Payout runs: members' earnings above the minimum, to their allowlisted addresses, within the organization's
 * withdrawal policy. A run is split into batches; each batch, its pending ledger transfer and its outbox row are
 * written in one transaction, and the wallet's sender takes it from there.
 */
@Stateless
public class PayoutService {

    /** Recipients per PayoutBatcher transaction: about 5.4 M gas, well inside any L2 block. */
    public static final int BATCH_SIZE = 200;

    @Inject
    WalletRepository wallets;

    @Inject
    PayoutRepository payouts;

    @Inject
    WalletService walletService;

    @Inject
    Ledger ledger;

    @Inject
    WalletChanges changes;

    @Inject
    AuditLog audit;

    @Inject
    MembershipService membership;

    @Inject
    SettlementChain chain;

    @Resource
    SessionContext context;

    private static final Logger LOG = Logger.getLogger(PayoutService.class.getName());

    /**
     * Pays every member whose earnings reach the payout minimum and who has a usable withdrawal address. Repeating
     * a request with the same idempotency key (same caller, same request) returns the first run instead of starting
     * another; the same key with a different request is refused.
     */
    public RunView start(Actor actor, IdempotencyKey idempotencyKey) {
        audit.demand(actor, Role.ORG_ADMIN, "payout.start", null);
        return RunView.of(plan(actor, PayoutKind.MANUAL, null, idempotencyKey));
    }

    /** A member withdraws all their earnings to their own allowlisted address. */
    public RunView withdraw(Actor actor, IdempotencyKey idempotencyKey) {
        actor.requireTenant();
        if (actor.memberId() == null) {
            throw new AccessDenied("Earnings belong to people; organization service keys have none.");
        }
        return RunView.of(plan(actor, PayoutKind.WITHDRAWAL, actor.memberId(), idempotencyKey));
    }

    /**
     * The scheduled runs of every organization that enabled them, each in its own transaction; the timer calls this at
     * 03:00 UTC and platform staff may run it early. Each organization gets at most one scheduled run a day.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<RunView> runSchedule(Actor actor) {
        if (!actor.isPlatformAdmin() || actor.tenantId() != null) {
            throw new AccessDenied("Only platform staff run the payout schedule.");
        }
        PayoutService self = context.getBusinessObject(PayoutService.class);
        List<RunView> started = new ArrayList<>();
        // A suspended organization's money stays where it is until staff reactivate it.
        for (CustodialWallet wallet : wallets.ofActiveTenants()) {
            if (wallet.policy().scheduledPayouts() && !wallet.isFrozen()) {
                try {
                    self.startScheduled(wallet.getTenantId()).map(RunView::of).ifPresent(started::add);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Scheduled payout of tenant " + wallet.getTenantId() + " failed", e);
                }
            }
        }
        return started;
    }

    /** Today's scheduled run of one organization, unless nobody is due (or it already ran today). */
    public Optional<PayoutRun> startScheduled(UUID tenantId) {
        String today = "scheduled:" + Instant.now().truncatedTo(ChronoUnit.DAYS);
        if (payouts.runByIdempotencyKey(tenantId, today).isPresent()) {
            return Optional.empty();
        }
        Actor scheduler = new Actor(tenantId, null, "scheduler", Set.of(Role.ORG_ADMIN));
        try {
            return Optional.of(plan(scheduler, PayoutKind.SCHEDULED, null, new IdempotencyKey(today, "scheduled")));
        } catch (Conflict nothingDue) {
            // Caught inside the bean, so the container would not roll back what dispatching may have written.
            context.setRollbackOnly();
            return Optional.empty();
        }
    }

    private PayoutRun plan(Actor actor, PayoutKind kind, UUID onlyMember, IdempotencyKey idempotencyKey) {
        // Locked first, so that two requests with one key meet here and the second finds the first's run.
        CustodialWallet wallet =
                wallets.lock(walletService.requireWallet(actor).getId()).orElseThrow();
        String key = idempotencyKey == null
                ? null
                : kind == PayoutKind.SCHEDULED ? idempotencyKey.key() : idempotencyKey.scopedTo(actor);
        if (key != null) {
            Optional<PayoutRun> earlier = payouts.runByIdempotencyKey(actor.tenantId(), key);
            if (earlier.isPresent()) {
                return idempotencyKey.replay(earlier.get(), earlier.get().getRequestFingerprint());
            }
        }
        if (wallet.isFrozen()) {
            throw new Conflict("Payouts from your organization's wallet are frozen: " + wallet.getFrozenReason());
        }
        WithdrawalPolicy policy = wallet.policy();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<UUID, WithdrawalAddress> addresses = wallets.currentAddresses(actor.tenantId());
        Map<UUID, BigInteger> due = new LinkedHashMap<>();
        for (LedgerAccount account :
                ledger.membersAccounts(actor.tenantId(), EarningsService.EARNINGS, Trib.CURRENCY)) {
            if (onlyMember == null || onlyMember.equals(account.getMemberId())) {
                due.merge(account.getMemberId(), account.available(), BigInteger::add);
            }
        }
        BigInteger minimum = onlyMember == null ? policy.payoutMinimum() : BigInteger.ONE;
        Map<UUID, WithdrawalAddress> payable = new LinkedHashMap<>();
        int waiting = 0;
        for (var entry : due.entrySet()) {
            if (entry.getValue().compareTo(minimum) < 0) continue;
            WithdrawalAddress address = addresses.get(entry.getKey());
            if (address == null || !address.isUsable(now)) {
                waiting++;
                continue;
            }
            payable.put(entry.getKey(), address);
        }
        if (onlyMember != null && payable.isEmpty()) {
            WithdrawalAddress address = addresses.get(onlyMember);
            throw new Conflict(
                    due.getOrDefault(onlyMember, BigInteger.ZERO).signum() <= 0
                            ? "You have no earnings to withdraw."
                            : address == null
                                    ? "Register a withdrawal address first."
                                    : "Your withdrawal address is usable from " + address.getUsableFrom()
                                            + " (cooling-off period).");
        }
        if (payable.isEmpty()) {
            throw new Conflict("No member is due a payout: nobody has " + Trib.format(minimum)
                    + " TRIB or more and a usable withdrawal address"
                    + (waiting > 0 ? " (" + waiting + " wait for an address or its cooling-off period)." : "."));
        }
        BigInteger total = payable.keySet().stream().map(due::get).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger committed = payouts.committedSince(actor.tenantId(), now.minus(Duration.ofHours(24)));
        if (committed.add(total).compareTo(policy.dailyLimit()) > 0) {
            throw new Conflict("This payout of " + Trib.format(total) + " TRIB would pass the daily limit of "
                    + Trib.format(policy.dailyLimit()) + " TRIB (" + Trib.format(committed)
                    + " already paid or pending in the last 24 hours).");
        }
        boolean needsApproval = total.compareTo(policy.approvalThreshold()) > 0;
        PayoutRun run = new PayoutRun(
                actor.tenantId(),
                wallet.getId(),
                kind,
                minimum,
                total,
                payable.size(),
                actor.name(),
                key,
                needsApproval);
        run.requested(actor.accountableMember(), idempotencyKey == null ? null : idempotencyKey.fingerprint());
        payouts.add(run);
        payable.forEach((member, address) -> payouts.add(
                new PayoutLine(run.getId(), member, actor.tenantId(), address.getAddress(), due.get(member))));
        payouts.flush();
        if (waiting > 0) {
            run.note(waiting + " member(s) wait for a withdrawal address or its cooling-off period.");
        }
        if (!needsApproval) {
            dispatch(run);
        }
        audit.changed(
                actor,
                actor.tenantId(),
                "payout." + kind.name().toLowerCase(Locale.ROOT),
                run.getId().toString(),
                Trib.format(total) + " TRIB to " + payable.size() + " member(s)"
                        + (needsApproval ? ", awaiting a second org admin" : ""));
        return run;
    }

    /**
     * A second org admin releases a run above the approval threshold: another member than the one who answers for
     * the request, in person or through their own token; organization service keys never approve.
     */
    public RunView approve(Actor actor, UUID runId) {
        audit.demand(actor, Role.ORG_ADMIN, "payout.approve", String.valueOf(runId));
        PayoutRun run = awaiting(actor, runId);
        changes.requireSecondAdmin(actor, run.getRequestedByMember(), run.getRequestedBy(), "payout.approve", runId);
        if (wallets.ofTenant(actor.tenantId()).map(CustodialWallet::isFrozen).orElse(true)) {
            throw new Conflict("Payouts from your organization's wallet are frozen.");
        }
        run.approve(actor.name(), actor.memberId(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        dispatch(run);
        audit.changed(
                actor, actor.tenantId(), "payout.approve", runId.toString(), Trib.format(run.getTotal()) + " TRIB");
        return RunView.of(run);
    }

    public RunView reject(Actor actor, UUID runId, String reason) {
        audit.demand(actor, Role.ORG_ADMIN, "payout.reject", String.valueOf(runId));
        InputCheck check = new InputCheck();
        String why = check.text("reason", reason, 2000);
        check.done();
        PayoutRun run = awaiting(actor, runId);
        run.reject(actor.name(), actor.accountableMember(), why, Instant.now().truncatedTo(ChronoUnit.MICROS));
        audit.changed(actor, actor.tenantId(), "payout.reject", runId.toString(), why);
        return RunView.of(run);
    }

    /**
     * Whether a line would pay an address its member removed or replaced since the run copied it: the member revoked
     * it (a compromised key, a closed account), so it is never paid.
     */
    static boolean revokedAddress(List<PayoutLine> lines, Map<UUID, WithdrawalAddress> current) {
        return lines.stream().anyMatch(line -> {
            WithdrawalAddress now = current.get(line.getMemberId());
            return now == null || !now.getAddress().equalsIgnoreCase(line.getAddress());
        });
    }

    /** The organization's payout runs, newest first; only those in {@code status} when it is given. */
    public Page<RunView> runs(Actor actor, PayoutStatus status, PageRequest page) {
        audit.demand(actor, Role.ORG_ADMIN, "payout.read", null);
        return payouts.runs(actor.requireTenant(), status, page).map(RunView::of);
    }

    /** The organization's payout runs as a person sorted and filtered them (see {@link #runColumns()}). */
    public Page<RunView> runs(Actor actor, ListQuery query) {
        audit.demand(actor, Role.ORG_ADMIN, "payout.read", null);
        return payouts.runs(actor.requireTenant(), query).map(RunView::of);
    }

    /** The columns payout runs sort and filter by. */
    public Columns runColumns() {
        return PayoutRepository.RUN_COLUMNS;
    }

    /** One run with its lines and batches, each batch with its transaction. */
    public RunDetail detail(Actor actor, UUID runId) {
        PayoutRun run = payouts.run(runId)
                .filter(r -> r.getTenantId().equals(actor.requireTenant()))
                .orElseThrow(() -> new NotFound("No payout run " + runId + " in your organization."));
        boolean own = run.getKind() == PayoutKind.WITHDRAWAL
                && actor.memberId() != null
                && actor.memberId().equals(run.getRequestedByMember());
        if (!own) {
            audit.demand(actor, Role.ORG_ADMIN, "payout.read", runId.toString());
        }
        List<PayoutDetail.Batch> batches = payouts.batches(runId).stream()
                .map(b -> new PayoutDetail.Batch(
                        b, payouts.transaction(b.getTransactionId()).orElseThrow()))
                .toList();
        List<PayoutLine> lines = payouts.lines(runId);
        // Names through tenancy's service, as the actor may see them (an admin every e-mail, a member their own).
        Map<UUID, String> emails = new LinkedHashMap<>();
        membership.cards(actor).stream()
                .filter(card -> card.email() != null)
                .forEach(card -> emails.put(card.id(), card.email()));
        return RunDetail.of(new PayoutDetail(run, lines, batches), emails, chain::explorerLink);
    }

    /** Batches, pending transfers and outbox rows for a run that may go out, all in the caller's transaction. */
    private void dispatch(PayoutRun run) {
        List<PayoutLine> lines = payouts.lines(run.getId());
        if (revokedAddress(lines, wallets.currentAddresses(run.getTenantId()))) {
            throw new Conflict("A member removed or replaced the withdrawal address this run would pay after it was"
                    + " requested; reject it and start a new one.");
        }
        LedgerAccount inFlight = ledger.open(run.getTenantId(), null, AccountKind.PAYOUTS_IN_FLIGHT, Trib.CURRENCY);
        Map<UUID, List<LedgerAccount>> accountsByMember = new LinkedHashMap<>();
        for (LedgerAccount account :
                ledger.membersAccounts(run.getTenantId(), EarningsService.EARNINGS, Trib.CURRENCY)) {
            accountsByMember
                    .computeIfAbsent(account.getMemberId(), m -> new ArrayList<>())
                    .add(account);
        }
        for (int start = 0, sequence = 0; start < lines.size(); start += BATCH_SIZE, sequence++) {
            List<PayoutLine> chunk = lines.subList(start, Math.min(lines.size(), start + BATCH_SIZE));
            UUID batchId = UUID.randomUUID();
            List<Leg> legs = new ArrayList<>();
            BigInteger total = BigInteger.ZERO;
            for (PayoutLine line : chunk) {
                legs.addAll(debits(accountsByMember.getOrDefault(line.getMemberId(), List.of()), line.getAmount()));
                total = total.add(line.getAmount());
            }
            legs.add(new Leg(inFlight.getId(), total));
            try {
                ledger.transfer(TransferRequest.pending(
                        batchId,
                        CauseType.PAYOUT,
                        "payout-batch:" + batchId,
                        "Payout run " + run.getId() + ", batch " + (sequence + 1),
                        legs));
            } catch (InsufficientFunds e) {
                throw new Conflict(
                        "Members' balances changed since this run was requested; reject it and start" + " a new one.");
            }
            ChainTransaction transaction =
                    new ChainTransaction(run.getTenantId(), run.getWalletId(), TransactionPurpose.PAYOUT_BATCH);
            payouts.add(transaction);
            payouts.add(new PayoutRunBatch(
                    batchId,
                    Bytes32.fromUuid(batchId).hex(),
                    run.getId(),
                    run.getTenantId(),
                    sequence,
                    chunk.size(),
                    total,
                    batchId,
                    transaction.getId()));
            payouts.flush();
            chunk.forEach(line -> line.assign(batchId));
        }
    }

    /** Legs taking {@code amount} from the member's earnings accounts, in the order contributor, validator, owner. */
    private static List<Leg> debits(List<LedgerAccount> accounts, BigInteger amount) {
        List<Leg> legs = new ArrayList<>();
        BigInteger left = amount;
        for (LedgerAccount account : accounts) {
            BigInteger take = account.available().min(left);
            if (take.signum() > 0) {
                legs.add(new Leg(account.getId(), take.negate()));
                left = left.subtract(take);
            }
        }
        if (left.signum() > 0) {
            throw new Conflict(
                    "Members' balances changed since this run was requested; reject it and start a new one.");
        }
        return legs;
    }

    private PayoutRun awaiting(Actor actor, UUID runId) {
        PayoutRun run = payouts.run(runId)
                .filter(r -> r.getTenantId().equals(actor.requireTenant()))
                .orElseThrow(() -> new NotFound("No payout run " + runId + " in your organization."));
        if (run.getStatus() != PayoutStatus.AWAITING_APPROVAL) {
            throw new Conflict("This payout run is "
                    + run.getStatus().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ", not awaiting approval.");
        }
        return run;
    }
}
