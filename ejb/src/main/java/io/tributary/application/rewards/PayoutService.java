package io.tributary.application.rewards;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.chain.Bytes32;
import io.tributary.persistence.rewards.AccountKind;
import io.tributary.persistence.rewards.CauseType;
import io.tributary.persistence.rewards.InsufficientFunds;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.LedgerAccount;
import io.tributary.persistence.rewards.Leg;
import io.tributary.persistence.rewards.TransferRequest;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.wallet.ChainTransaction;
import io.tributary.persistence.wallet.CustodialWallet;
import io.tributary.persistence.wallet.PayoutBatch;
import io.tributary.persistence.wallet.PayoutKind;
import io.tributary.persistence.wallet.PayoutLine;
import io.tributary.persistence.wallet.PayoutRepository;
import io.tributary.persistence.wallet.PayoutRun;
import io.tributary.persistence.wallet.PayoutStatus;
import io.tributary.persistence.wallet.TransactionPurpose;
import io.tributary.persistence.wallet.WalletRepository;
import io.tributary.persistence.wallet.WithdrawalAddress;
import io.tributary.persistence.wallet.WithdrawalPolicy;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Payout runs: members' earnings above the minimum, to their allowlisted addresses, within the organization's
 * withdrawal policy. A run is split into batches; each batch, its pending ledger transfer and its outbox row are
 * written in one transaction, and the wallet's sender takes it from there.
 */
@Stateless
public class PayoutService {

    /** Recipients per PayoutBatcher transaction: about 5.4 M gas, well inside any L2 block. */
    public static final int BATCH_SIZE = 200;

    private static final int MAX_IDEMPOTENCY_KEY = 200;

    @Inject
    WalletRepository wallets;

    @Inject
    PayoutRepository payouts;

    @Inject
    WalletService walletService;

    @Inject
    Ledger ledger;

    @Inject
    AuditLog audit;

    /**
     * Pays every member whose earnings reach the payout minimum and who has a usable withdrawal address. Repeating
     * a request with the same idempotency key returns the first run instead of starting another.
     */
    public PayoutRun start(Actor actor, String idempotencyKey) {
        audit.demand(actor, Role.ORG_ADMIN, "payout.start", null);
        return plan(actor, PayoutKind.MANUAL, null, idempotencyKey);
    }

    /** A member withdraws all their earnings to their own allowlisted address. */
    public PayoutRun withdraw(Actor actor, String idempotencyKey) {
        actor.requireTenant();
        if (actor.memberId() == null) {
            throw new AccessDenied("Earnings belong to people; API keys have none.");
        }
        return plan(actor, PayoutKind.WITHDRAWAL, actor.memberId(), idempotencyKey);
    }

    /** The daily scheduled run of a tenant that enabled it; nothing when no member is due. */
    public Optional<PayoutRun> startScheduled(UUID tenantId) {
        Actor system = new Actor(tenantId, null, "scheduler", java.util.Set.of(Role.ORG_ADMIN));
        CustodialWallet wallet = wallets.ofTenant(tenantId).orElse(null);
        if (wallet == null || !wallet.policy().scheduledPayouts() || wallet.isFrozen()) return Optional.empty();
        try {
            return Optional.of(plan(
                    system,
                    PayoutKind.SCHEDULED,
                    null,
                    "scheduled:" + Instant.now().truncatedTo(ChronoUnit.DAYS)));
        } catch (Conflict nothingDue) {
            return Optional.empty();
        }
    }

    private PayoutRun plan(Actor actor, PayoutKind kind, UUID onlyMember, String idempotencyKey) {
        String key = idempotencyKey(idempotencyKey);
        if (key != null) {
            Optional<PayoutRun> earlier = payouts.runByIdempotencyKey(actor.tenantId(), key);
            if (earlier.isPresent()) return earlier.get();
        }
        CustodialWallet wallet =
                wallets.lock(walletService.requireWallet(actor).getId()).orElseThrow();
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
        List<PayoutLine> lines = new ArrayList<>();
        int waiting = 0;
        UUID runId = null;
        for (var entry : due.entrySet()) {
            if (entry.getValue().compareTo(minimum) < 0) continue;
            WithdrawalAddress address = addresses.get(entry.getKey());
            if (address == null || !address.isUsable(now)) {
                waiting++;
                continue;
            }
            lines.add(new PayoutLine(null, entry.getKey(), actor.tenantId(), address.getAddress(), entry.getValue()));
        }
        if (onlyMember != null && lines.isEmpty()) {
            WithdrawalAddress address = addresses.get(onlyMember);
            throw new Conflict(
                    due.getOrDefault(onlyMember, BigInteger.ZERO).signum() <= 0
                            ? "You have no earnings to withdraw."
                            : address == null
                                    ? "Register a withdrawal address first."
                                    : "Your withdrawal address is usable from " + address.getUsableFrom()
                                            + " (cooling-off period).");
        }
        if (lines.isEmpty()) {
            throw new Conflict("No member is due a payout: nobody has " + Trib.format(minimum)
                    + " TRIB or more and a usable withdrawal address"
                    + (waiting > 0 ? " (" + waiting + " wait for an address or its cooling-off period)." : "."));
        }
        BigInteger total = lines.stream().map(PayoutLine::getAmount).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger committed = payouts.committedSince(actor.tenantId(), now.minus(Duration.ofHours(24)));
        if (committed.add(total).compareTo(policy.dailyLimit()) > 0) {
            throw new Conflict("This payout of " + Trib.format(total) + " TRIB would pass the daily limit of "
                    + Trib.format(policy.dailyLimit()) + " TRIB (" + Trib.format(committed)
                    + " already paid or pending in the last 24 hours).");
        }
        boolean needsApproval = total.compareTo(policy.approvalThreshold()) > 0;
        PayoutRun run = new PayoutRun(
                actor.tenantId(), wallet.getId(), kind, minimum, total, lines.size(), actor.name(), key, needsApproval);
        payouts.add(run);
        for (PayoutLine line : lines) {
            payouts.add(new PayoutLine(
                    run.getId(), line.getMemberId(), line.getTenantId(), line.getAddress(), line.getAmount()));
        }
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
                "payout." + kind.name().toLowerCase(java.util.Locale.ROOT),
                run.getId().toString(),
                Trib.format(total) + " TRIB to " + lines.size() + " member(s)"
                        + (needsApproval ? ", awaiting a second org admin" : ""));
        return run;
    }

    /** A second org admin releases a run above the approval threshold. */
    public PayoutRun approve(Actor actor, UUID runId) {
        audit.demand(actor, Role.ORG_ADMIN, "payout.approve", String.valueOf(runId));
        PayoutRun run = awaiting(actor, runId);
        if (run.getRequestedBy().equals(actor.name())) {
            throw new AccessDenied("A second org admin must approve this payout; you requested it.");
        }
        if (wallets.ofTenant(actor.tenantId()).map(CustodialWallet::isFrozen).orElse(true)) {
            throw new Conflict("Payouts from your organization's wallet are frozen.");
        }
        run.approve(actor.name(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        dispatch(run);
        audit.changed(
                actor, actor.tenantId(), "payout.approve", runId.toString(), Trib.format(run.getTotal()) + " TRIB");
        return run;
    }

    public PayoutRun reject(Actor actor, UUID runId, String reason) {
        audit.demand(actor, Role.ORG_ADMIN, "payout.reject", String.valueOf(runId));
        InputCheck check = new InputCheck();
        String why = check.text("reason", reason, 2000);
        check.done();
        PayoutRun run = awaiting(actor, runId);
        run.reject(actor.name(), why, Instant.now().truncatedTo(ChronoUnit.MICROS));
        audit.changed(actor, actor.tenantId(), "payout.reject", runId.toString(), why);
        return run;
    }

    public List<PayoutRun> runs(Actor actor, int max) {
        audit.demand(actor, Role.ORG_ADMIN, "payout.read", null);
        return payouts.runs(actor.requireTenant(), Math.max(1, Math.min(max, 500)));
    }

    /** One run with its lines and batches, each batch with its transaction. */
    public PayoutDetail detail(Actor actor, UUID runId) {
        PayoutRun run = payouts.run(runId)
                .filter(r -> r.getTenantId().equals(actor.requireTenant()))
                .orElseThrow(() -> new NotFound("No payout run " + runId + " in your organization."));
        boolean own = run.getKind() == PayoutKind.WITHDRAWAL && actor.name().equals(run.getRequestedBy());
        if (!own) {
            audit.demand(actor, Role.ORG_ADMIN, "payout.read", runId.toString());
        }
        List<PayoutDetail.Batch> batches = payouts.batches(runId).stream()
                .map(b -> new PayoutDetail.Batch(
                        b, payouts.transaction(b.getTransactionId()).orElseThrow()))
                .toList();
        return new PayoutDetail(run, payouts.lines(runId), batches);
    }

    /** Batches, pending transfers and outbox rows for a run that may go out, all in the caller's transaction. */
    private void dispatch(PayoutRun run) {
        List<PayoutLine> lines = payouts.lines(run.getId());
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
            payouts.add(new PayoutBatch(
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
                    + run.getStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + ", not awaiting approval.");
        }
        return run;
    }

    private static String idempotencyKey(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String key = raw.strip();
        if (key.length() > MAX_IDEMPOTENCY_KEY || key.chars().anyMatch(Character::isISOControl)) {
            throw new io.tributary.application.InvalidInput(
                    "Idempotency-Key", "An idempotency key is 1 to " + MAX_IDEMPOTENCY_KEY + " printable characters.");
        }
        return key;
    }
}
