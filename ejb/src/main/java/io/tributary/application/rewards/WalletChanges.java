package io.tributary.application.rewards;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.IdempotencyKey;
import io.tributary.application.InputCheck;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.audit.Outcome;
import io.tributary.persistence.rewards.AccountKind;
import io.tributary.persistence.rewards.CauseType;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.LedgerAccount;
import io.tributary.persistence.rewards.Leg;
import io.tributary.persistence.rewards.TransferRequest;
import io.tributary.persistence.rewards.custody.CustodialWallet;
import io.tributary.persistence.rewards.custody.WalletChange;
import io.tributary.persistence.rewards.custody.WalletChangeKind;
import io.tributary.persistence.rewards.custody.WalletChangeStatus;
import io.tributary.persistence.rewards.custody.WalletRepository;
import io.tributary.persistence.rewards.custody.WithdrawalPolicy;
import io.tributary.persistence.tenancy.Member;
import io.tributary.persistence.tenancy.Role;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The second-admin rule for an organization's money: a withdrawal policy that loosens (higher daily limit or
 * approval threshold, shorter cooling-off), a grant to oneself and a grant above the approval threshold wait for
 * another org admin, a person other than the member who answers for the request, and then for the cooling-off
 * period before they take effect. Everything else applies at once; every step is audited.
 */
@Stateless
public class WalletChanges {

    private static final Logger LOG = Logger.getLogger(WalletChanges.class.getName());
    private static final Actor SYSTEM = new Actor(null, null, "cooling-off", Set.of(Role.PLATFORM_ADMIN));

    @Inject
    WalletRepository wallets;

    @Inject
    Ledger ledger;

    @Inject
    AuditLog audit;

    @Resource
    SessionContext context;

    /** Requests a new policy for the locked wallet: applied at once unless it loosens the one in force. */
    public WalletChange requestPolicy(
            Actor actor, CustodialWallet wallet, WithdrawalPolicy proposed, IdempotencyKey key) {
        Optional<WalletChange> earlier = earlier(actor, key);
        if (earlier.isPresent()) return earlier.get();
        WithdrawalPolicy current = wallet.policy();
        List<String> loosened = current.loosenedBy(proposed);
        String why = loosened.isEmpty() ? null : "it loosens the policy: " + String.join(", ", loosened);
        // A newer request replaces older open ones, so an approved loosening cannot later undo a tightening.
        for (WalletChange open : wallets.openChanges(actor.tenantId(), WalletChangeKind.POLICY)) {
            open.end(WalletChangeStatus.SUPERSEDED, "Replaced by a newer policy request of " + actor.name() + ".");
            audit.changed(
                    actor,
                    actor.tenantId(),
                    "wallet.policy.supersede",
                    open.getId().toString(),
                    null);
        }
        WalletChange change = WalletChange.policy(
                actor.tenantId(),
                actor.name(),
                actor.accountableMember(),
                proposed,
                why,
                key == null ? null : key.scopedTo(actor),
                key == null ? null : key.fingerprint());
        wallets.add(change);
        if (why == null) {
            wallet.apply(proposed);
            audit.changed(actor, actor.tenantId(), "wallet.policy", wallet.getAddress(), describe(proposed));
        } else {
            audit.changed(
                    actor,
                    actor.tenantId(),
                    "wallet.policy.request",
                    change.getId().toString(),
                    describe(proposed) + "; awaiting a second org admin because " + why);
        }
        return change;
    }

    /**
     * Requests a grant from the treasury: posted at once, or (to oneself, or above the approval threshold) held as a
     * pending transfer that reserves the treasury's funds until a second org admin and the cooling-off release it.
     */
    public WalletChange requestGrant(
            Actor actor,
            Member member,
            AccountKind kind,
            BigInteger amount,
            String memo,
            WithdrawalPolicy policy,
            IdempotencyKey key) {
        Optional<WalletChange> earlier = earlier(actor, key);
        if (earlier.isPresent()) return earlier.get();
        List<String> reasons = new ArrayList<>();
        if (member.getId().equals(actor.accountableMember())) {
            reasons.add("it is a grant to yourself");
        }
        if (amount.compareTo(policy.approvalThreshold()) > 0) {
            reasons.add("it is above the approval threshold of " + Trib.format(policy.approvalThreshold()) + " TRIB");
        }
        String why = reasons.isEmpty() ? null : String.join(" and ", reasons);
        WalletChange change = WalletChange.grant(
                actor.tenantId(),
                actor.name(),
                actor.accountableMember(),
                member.getId(),
                member.getEmail(),
                kind.name(),
                amount,
                memo,
                why,
                key == null ? null : key.scopedTo(actor),
                key == null ? null : key.fingerprint());
        LedgerAccount treasury = ledger.open(actor.tenantId(), null, AccountKind.TENANT_TREASURY, Trib.CURRENCY);
        LedgerAccount earnings = ledger.open(actor.tenantId(), member.getId(), kind, Trib.CURRENCY);
        List<Leg> legs = List.of(new Leg(treasury.getId(), amount.negate()), new Leg(earnings.getId(), amount));
        String ref = "grant:" + member.getEmail();
        // The transfer's id is the change's: a retried request that reaches the ledger twice is refused there too.
        ledger.transfer(
                why == null
                        ? TransferRequest.posted(change.getId(), CauseType.GRANT, ref, memo, legs)
                        : TransferRequest.pending(change.getId(), CauseType.GRANT, ref, memo, legs));
        wallets.add(change);
        String detail = Trib.format(amount) + " " + Trib.CURRENCY + ": " + memo;
        if (why == null) {
            audit.changed(actor, actor.tenantId(), "earnings.grant", member.getEmail(), detail);
        } else {
            audit.changed(
                    actor,
                    actor.tenantId(),
                    "earnings.grant.request",
                    member.getEmail(),
                    detail + "; awaiting a second org admin because " + why);
        }
        return change;
    }

    /**
     * Another org admin agrees: the change takes effect after the cooling-off period in force now (at once when it is
     * zero). Organization service keys never approve, and nobody approves their own request or a grant to themselves.
     */
    public WalletChange approve(Actor actor, UUID changeId) {
        audit.demand(actor, Role.ORG_ADMIN, "wallet.change.approve", String.valueOf(changeId));
        WalletChange change = awaiting(actor, changeId);
        requireSecondAdmin(
                actor, change.getRequestedByMember(), change.getRequestedBy(), "wallet.change.approve", changeId);
        if (change.getGrantee() != null && change.getGrantee().equals(actor.memberId())) {
            String refusal = "Another org admin must approve a grant to you.";
            audit.refused(
                    actor, actor.tenantId(), "wallet.change.approve", changeId.toString(), Outcome.DENIED, refusal);
            throw new AccessDenied(refusal);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int hours = wallets.ofTenant(actor.tenantId())
                .map(w -> w.policy().coolingOffHours())
                .orElse(WalletService.DEFAULT_POLICY.coolingOffHours());
        change.approve(actor.name(), actor.memberId(), now, now.plus(Duration.ofHours(hours)));
        audit.changed(
                actor,
                actor.tenantId(),
                "wallet.change.approve",
                changeId.toString(),
                describe(change) + "; takes effect at " + change.getEffectiveAt());
        if (change.isDue(now)) {
            apply(change, now);
        }
        return change;
    }

    /** Any org admin stops a change before it takes effect (during approval or the cooling-off). */
    public WalletChange reject(Actor actor, UUID changeId, String reason) {
        audit.demand(actor, Role.ORG_ADMIN, "wallet.change.reject", String.valueOf(changeId));
        InputCheck check = new InputCheck();
        String why = check.text("reason", reason, 2000);
        check.done();
        WalletChange change = open(actor, changeId);
        if (actor.memberId() == null) {
            throw new AccessDenied("Organization service keys never decide on changes; an org admin does.");
        }
        change.reject(actor.name(), actor.memberId(), why, Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (change.getKind() == WalletChangeKind.GRANT) {
            ledger.voidTransfer(change.getId());
        }
        audit.changed(actor, actor.tenantId(), "wallet.change.reject", changeId.toString(), why);
        return change;
    }

    /** The organization's changes, newest first: open ones and history. */
    public List<WalletChange> changes(Actor actor, int max) {
        audit.demand(actor, Role.ORG_ADMIN, "wallet.change.read", null);
        return wallets.changes(actor.requireTenant(), Math.max(1, Math.min(max, 500)));
    }

    public WalletChange change(Actor actor, UUID changeId) {
        audit.demand(actor, Role.ORG_ADMIN, "wallet.change.read", String.valueOf(changeId));
        return find(actor, changeId);
    }

    /** Every few seconds: approved changes whose cooling-off has passed take effect, each in its own transaction. */
    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void applyDueChanges() {
        WalletChanges self = context.getBusinessObject(WalletChanges.class);
        for (UUID id : self.due()) {
            try {
                self.applyDue(id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Wallet change " + id + " could not take effect; retrying", e);
            }
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<UUID> due() {
        return wallets.dueChanges(Instant.now());
    }

    /** Applies one approved change if its cooling-off has passed; false when it is not due (any more). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean applyDue(UUID changeId) {
        WalletChange change = wallets.change(changeId).orElse(null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (change == null || !change.isDue(now)) return false;
        apply(change, now);
        return true;
    }

    private void apply(WalletChange change, Instant now) {
        if (change.getKind() == WalletChangeKind.POLICY) {
            Optional<CustodialWallet> wallet = wallets.ofTenant(change.getTenantId());
            if (wallet.isEmpty()) {
                change.end(WalletChangeStatus.FAILED, "The organization has no wallet.");
                return;
            }
            CustodialWallet locked = wallets.lock(wallet.get().getId()).orElseThrow();
            locked.apply(change.policy());
            audit.changed(SYSTEM, change.getTenantId(), "wallet.policy", locked.getAddress(), describe(change));
        } else {
            ledger.post(change.getId());
            audit.changed(SYSTEM, change.getTenantId(), "earnings.grant", change.getGranteeEmail(), describe(change));
        }
        change.applied(now);
    }

    /**
     * Refuses a decision unless it comes from a person (not a service key) other than the member who answers for
     * the request; a refusal is audited.
     */
    public void requireSecondAdmin(
            Actor actor, UUID requestedByMember, String requestedBy, String action, UUID target) {
        String refusal = null;
        if (actor.memberId() == null) {
            refusal = "Organization service keys never approve; a second org admin approves in person or with their"
                    + " own personal access token.";
        } else if (actor.memberId().equals(requestedByMember)
                || requestedByMember == null && actor.name().equals(requestedBy)) {
            refusal = "A second org admin must approve this; you requested it (yourself or with a key you issued).";
        }
        if (refusal != null) {
            audit.refused(actor, actor.tenantId(), action, String.valueOf(target), Outcome.DENIED, refusal);
            throw new AccessDenied(refusal);
        }
    }

    private Optional<WalletChange> earlier(Actor actor, IdempotencyKey key) {
        if (key == null) return Optional.empty();
        return wallets.changeByIdempotencyKey(actor.tenantId(), key.scopedTo(actor))
                .map(c -> key.replay(c, c.getRequestFingerprint()));
    }

    private WalletChange find(Actor actor, UUID changeId) {
        return wallets.change(changeId)
                .filter(c -> c.getTenantId().equals(actor.requireTenant()))
                .orElseThrow(() -> new NotFound("No wallet change " + changeId + " in your organization."));
    }

    private WalletChange awaiting(Actor actor, UUID changeId) {
        WalletChange change = find(actor, changeId);
        if (change.getStatus() != WalletChangeStatus.AWAITING_APPROVAL) {
            throw new Conflict("This change is " + describe(change.getStatus()) + ", not awaiting approval.");
        }
        return change;
    }

    private WalletChange open(Actor actor, UUID changeId) {
        WalletChange change = find(actor, changeId);
        if (!change.getStatus().isOpen()) {
            throw new Conflict("This change is " + describe(change.getStatus()) + " already.");
        }
        return change;
    }

    private static String describe(WalletChangeStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String describe(WalletChange change) {
        return change.getKind() == WalletChangeKind.POLICY
                ? describe(change.policy())
                : "grant of " + Trib.format(change.getAmount()) + " TRIB to " + change.getGranteeEmail() + " ("
                        + change.getAccountKind() + "): " + change.getMemo();
    }

    static String describe(WithdrawalPolicy p) {
        return "daily limit " + Trib.format(p.dailyLimit()) + ", approval above " + Trib.format(p.approvalThreshold())
                + ", minimum " + Trib.format(p.payoutMinimum()) + ", cooling-off " + p.coolingOffHours() + " h"
                + (p.scheduledPayouts() ? ", daily scheduled payouts" : "");
    }
}
