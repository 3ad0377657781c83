package io.tributary.persistence.rewards;

import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The double-entry ledger: opens accounts, writes transfers, and settles pending ones.
 *
 * <p>Every method expects to run inside one database transaction (the caller's EJB provides it) and leaves nothing
 * behind when it throws: checks run before any balance changes, and {@link LedgerException}s roll the transaction
 * back. Accounts a transfer touches are locked in id order, so concurrent transfers queue instead of overdrawing or
 * deadlocking.
 */
@ApplicationScoped
public class Ledger {

    @Inject
    LedgerAccountRepository accounts;

    @Inject
    LedgerTransferRepository transfers;

    /** The account with this identity, created empty if it does not exist yet; a null tenant means the platform. */
    public LedgerAccount open(UUID tenantId, UUID memberId, AccountKind kind, String currency) {
        Objects.requireNonNull(kind, "An account needs a kind.");
        Objects.requireNonNull(currency, "An account needs a currency.");
        return accounts.open(tenantId, memberId, kind, currency);
    }

    /**
     * Writes a transfer, pending or posted as requested. Repeating a request with the same id returns the transfer
     * already written and moves no money again; reusing the id for other legs or another cause is a {@link
     * TransferConflict}.
     */
    public LedgerTransfer transfer(TransferRequest request) {
        transfers.claim(request.id());
        var existing = transfers.find(request.id());
        if (existing.isPresent()) {
            return sameAsBefore(existing.get(), request);
        }
        Map<UUID, LedgerAccount> locked = accounts.lockInIdOrder(request.accountIds());
        Map<UUID, String> currencies = new HashMap<>();
        locked.forEach((id, account) -> currencies.put(id, account.getCurrency()));
        request.requireBalanced(currencies);
        // Every leg is checked before any balance changes, so a refusal leaves the managed accounts untouched.
        for (Leg leg : request.legs()) {
            LedgerAccount account = locked.get(leg.accountId());
            if (!account.canTake(leg.amount())) {
                throw new InsufficientFunds(request.id(), account, leg.amount().negate());
            }
        }
        for (Leg leg : request.legs()) {
            LedgerAccount account = locked.get(leg.accountId());
            if (request.pending()) {
                account.reserve(leg.amount());
            } else {
                account.post(leg.amount());
            }
        }
        LedgerTransfer transfer = new LedgerTransfer(request, now());
        List<LedgerLeg> legs = new ArrayList<>();
        for (int i = 0; i < request.legs().size(); i++) {
            legs.add(new LedgerLeg(request.id(), i, request.legs().get(i)));
        }
        transfers.add(transfer, legs);
        return transfer;
    }

    /** Makes a pending transfer final; posting an already posted transfer is a no-op, so retries are safe. */
    public LedgerTransfer post(UUID transferId) {
        LedgerTransfer transfer =
                transfers.findForUpdate(transferId).orElseThrow(() -> new UnknownTransfer(transferId));
        if (transfer.getStatus() == TransferStatus.POSTED) {
            return transfer;
        }
        if (transfer.getStatus() == TransferStatus.VOIDED) {
            throw new TransferAlreadySettled(transferId, TransferStatus.VOIDED, "posted");
        }
        List<LedgerLeg> legs = transfers.legsOf(transferId);
        Map<UUID, LedgerAccount> locked = accounts.lockInIdOrder(accountsOf(legs));
        // No funds check: the pending debits already reserved this money, so posting cannot overdraw.
        legs.forEach(leg -> locked.get(leg.getAccountId()).settle(leg.getAmount()));
        transfer.posted(now());
        return transfer;
    }

    /**
     * Cancels a pending transfer, releasing what it reserved (a payout whose chain transaction failed); voiding an
     * already voided transfer is a no-op.
     */
    public LedgerTransfer voidTransfer(UUID transferId) {
        LedgerTransfer transfer =
                transfers.findForUpdate(transferId).orElseThrow(() -> new UnknownTransfer(transferId));
        if (transfer.getStatus() == TransferStatus.VOIDED) {
            return transfer;
        }
        if (transfer.getStatus() == TransferStatus.POSTED) {
            throw new TransferAlreadySettled(transferId, TransferStatus.POSTED, "voided");
        }
        List<LedgerLeg> legs = transfers.legsOf(transferId);
        Map<UUID, LedgerAccount> locked = accounts.lockInIdOrder(accountsOf(legs));
        legs.forEach(leg -> locked.get(leg.getAccountId()).release(leg.getAmount()));
        transfer.voided(now());
        return transfer;
    }

    /** Pending transfers of this cause created before the instant, oldest first, at most {@code max}. */
    public List<UUID> pendingBefore(CauseType cause, Instant before, int max) {
        return transfers.pendingBefore(cause, before, max);
    }

    public Balance balance(UUID accountId) {
        return accounts.find(accountId)
                .orElseThrow(() -> new UnknownAccount(accountId))
                .balance();
    }

    /** The account's most recent entries, newest first, pending and voided ones included with their status. */
    public List<AccountEntry> history(UUID accountId, int max) {
        return transfers.history(accountId, max);
    }

    /** One page of several accounts' entries together, newest first. */
    public Page<AccountEntry> history(Collection<UUID> accountIds, PageRequest page) {
        return transfers.history(accountIds, page);
    }

    /** One page of several accounts' entries as a person sorted and filtered them. */
    public Page<AccountEntry> history(Collection<UUID> accountIds, ListQuery query) {
        return transfers.history(accountIds, query);
    }

    /** The legs of a transfer, in the order they were given. */
    public List<Leg> legs(UUID transferId) {
        return transfers.legsOf(transferId).stream().map(LedgerLeg::leg).toList();
    }

    /** The tenant's members' accounts of these kinds, ordered by member. */
    public List<LedgerAccount> membersAccounts(UUID tenantId, Collection<AccountKind> kinds, String currency) {
        return accounts.membersAccounts(tenantId, kinds, currency);
    }

    /** What the tenant and its members hold in the ledger (posted), which its wallet must hold on chain. */
    public BigInteger holdings(UUID tenantId, String currency) {
        return accounts.holdings(tenantId, currency);
    }

    /** See {@link LedgerAccountRepository#crossOrganizationNet}. */
    public BigInteger crossOrganizationNet(UUID tenantId, String currency) {
        return accounts.crossOrganizationNet(tenantId, currency);
    }

    /** The books for one currency; {@link TrialBalance#isBalanced()} must always hold. */
    public TrialBalance trialBalance(String currency) {
        return accounts.trialBalance(currency);
    }

    private LedgerTransfer sameAsBefore(LedgerTransfer existing, TransferRequest request) {
        List<Leg> stored = legs(existing.getId());
        if (!request.sameLegsAs(stored)) {
            throw new TransferConflict(existing.getId(), "other legs (" + describe(stored) + ")");
        }
        if (existing.getCauseType() != request.causeType()
                || !existing.getCauseRef().equals(request.causeRef())) {
            throw new TransferConflict(
                    existing.getId(), "another cause (" + existing.getCauseType() + " " + existing.getCauseRef() + ")");
        }
        return existing;
    }

    /** PostgreSQL keeps microseconds; truncating here makes a returned transfer equal the one read back later. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static List<UUID> accountsOf(List<LedgerLeg> legs) {
        return legs.stream().map(LedgerLeg::getAccountId).toList();
    }

    private static String describe(List<Leg> legs) {
        StringBuilder text = new StringBuilder();
        for (Leg leg : legs) {
            if (text.length() > 200) {
                return text.append(", …").toString();
            }
            if (!text.isEmpty()) text.append(", ");
            text.append(leg.accountId())
                    .append(' ')
                    .append(leg.amount().signum() > 0 ? "+" : "")
                    .append(leg.amount());
        }
        return text.toString();
    }
}
