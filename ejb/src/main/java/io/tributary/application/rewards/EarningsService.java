package io.tributary.application.rewards;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.CsvDocument;
import io.tributary.application.IdempotencyKey;
import io.tributary.application.InputCheck;
import io.tributary.application.InvalidInput;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.rewards.WalletViews.ChangeView;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.rewards.AccountEntry;
import io.tributary.persistence.rewards.AccountKind;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.LedgerAccount;
import io.tributary.persistence.rewards.LedgerTransferRepository;
import io.tributary.persistence.rewards.custody.CustodialWallet;
import io.tributary.persistence.rewards.custody.WalletRepository;
import io.tributary.persistence.rewards.custody.WithdrawalPolicy;
import io.tributary.persistence.tenancy.Member;
import io.tributary.persistence.tenancy.MemberRepository;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.TenantRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Members' earnings and their organization's treasury on the ledger: balances, history, CSV statements, grants from
 * the treasury. Amounts are base units (see {@link Trib}); deposits to the wallet fund the treasury.
 */
@Stateless
public class EarningsService {

    static final List<AccountKind> EARNINGS =
            List.of(AccountKind.CONTRIBUTOR_EARNINGS, AccountKind.VALIDATOR_EARNINGS, AccountKind.MODEL_OWNER_EARNINGS);

    @Inject
    Ledger ledger;

    @Inject
    MemberRepository members;

    @Inject
    TenantRepository tenants;

    @Inject
    AuditLog audit;

    @Inject
    WalletRepository wallets;

    @Inject
    WalletChanges changes;

    /** The actor's earnings accounts (contributor, validator, model owner) with their balances. */
    public List<BalanceView> earnings(Actor actor) {
        return EARNINGS.stream()
                .map(kind -> BalanceView.of(account(actor, kind).balance()))
                .toList();
    }

    /** The actor's earnings history, newest first, across their earnings accounts. */
    public List<AccountEntry> history(Actor actor, int max) {
        int limit = Math.max(1, Math.min(max, 1000));
        return EARNINGS.stream()
                .flatMap(kind -> ledger.history(account(actor, kind).getId(), limit).stream())
                .sorted((a, b) -> b.createdAt().compareTo(a.createdAt()))
                .limit(limit)
                .toList();
    }

    /** One page of the actor's earnings history, newest first, across their earnings accounts. */
    public Page<EarningsEntry> history(Actor actor, PageRequest page) {
        return ledger.history(
                        EARNINGS.stream()
                                .map(kind -> account(actor, kind).getId())
                                .toList(),
                        page)
                .map(EarningsEntry::of);
    }

    /** One page of the actor's earnings history as they sorted and filtered it (see {@link #historyColumns()}). */
    public Page<EarningsEntry> history(Actor actor, ListQuery query) {
        return ledger.history(
                        EARNINGS.stream()
                                .map(kind -> account(actor, kind).getId())
                                .toList(),
                        query)
                .map(EarningsEntry::of);
    }

    /** The columns an earnings history sorts and filters by. */
    public Columns historyColumns() {
        return LedgerTransferRepository.HISTORY_COLUMNS;
    }

    /** The history as CSV, for a member's own bookkeeping. */
    public String statement(Actor actor) {
        CsvDocument csv = new CsvDocument(
                "transfer", "amount", "currency", "status", "cause", "reference", "memo", "created", "posted");
        for (AccountEntry e : history(actor, 1000)) {
            csv.row(
                    e.transferId(),
                    e.amount(),
                    Trib.CURRENCY,
                    e.status().name(),
                    e.causeType().name(),
                    e.causeRef(),
                    e.memo(),
                    e.createdAt(),
                    e.postedAt());
        }
        return csv.toString();
    }

    public BalanceView treasury(Actor actor) {
        audit.demand(actor, Role.ORG_ADMIN, "treasury.read", null);
        return BalanceView.of(treasuryAccount(actor.requireTenant()).balance());
    }

    /**
     * Grants a member of the organization earnings from its treasury; refused beyond the treasury's balance. A grant
     * to oneself or above the approval threshold waits for a second org admin and the cooling-off period.
     */
    public ChangeView grant(
            Actor actor, UUID memberId, String kind, BigDecimal amount, String memo, IdempotencyKey idempotencyKey) {
        audit.demand(actor, Role.ORG_ADMIN, "earnings.grant", String.valueOf(memberId));
        InputCheck check = new InputCheck();
        AccountKind accountKind = null;
        try {
            accountKind = AccountKind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (accountKind == null || !EARNINGS.contains(accountKind)) {
            check.fail("kind", "Choose contributor, validator or model-owner earnings.");
        }
        BigInteger units = null;
        try {
            units = Trib.parse("amount", amount);
        } catch (InvalidInput e) {
            check.fail("amount", e.getMessage());
        }
        if (memberId == null) {
            check.fail("memberId", "Choose the member to grant to.");
        }
        String why = check.text("memo", memo, 500);
        check.done();
        Member member = members.find(memberId)
                .orElseThrow(() -> new NotFound("No member " + memberId + " in your organization."));
        // The wallet locked first, so that two requests with one Idempotency-Key meet here and the second finds the
        // first's grant instead of clashing with it on the key's unique index.
        WithdrawalPolicy policy = wallets.ofTenant(actor.requireTenant())
                .flatMap(w -> wallets.lock(w.getId()))
                .map(CustodialWallet::policy)
                .orElse(WalletService.DEFAULT_POLICY);
        return ChangeView.of(changes.requestGrant(actor, member, accountKind, units, why, policy, idempotencyKey));
    }

    /** The treasury's balance now. */
    public BalanceView treasuryBalance(UUID tenantId) {
        return BalanceView.of(treasuryAccount(tenantId).balance());
    }

    private LedgerAccount treasuryAccount(UUID tenantId) {
        return ledger.open(tenantId, null, AccountKind.TENANT_TREASURY, Trib.CURRENCY);
    }

    private LedgerAccount account(Actor actor, AccountKind kind) {
        if (actor.memberId() == null) {
            throw new AccessDenied("Earnings belong to people; organization service keys have none.");
        }
        return ledger.open(actor.requireTenant(), actor.memberId(), kind, Trib.CURRENCY);
    }
}
