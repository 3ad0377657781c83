package io.tributary.persistence.rewards;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A transfer to make: the caller picks the id, which is the idempotency key, so a retry with the same id is safe.
 *
 * <p>The constructor refuses malformed legs (fewer than two, a zero amount, an account twice); whether the legs sum to
 * zero per currency needs the accounts' currencies, so the ledger checks that with {@link #requireBalanced(Map)}.
 */
public record TransferRequest(
        UUID id, CauseType causeType, String causeRef, String memo, List<Leg> legs, boolean pending) {

    public TransferRequest {
        Objects.requireNonNull(id, "A transfer needs an id (its idempotency key).");
        Objects.requireNonNull(causeType, "A transfer needs a cause type.");
        if (causeRef == null || causeRef.isBlank()) {
            throw new InvalidTransfer("Transfer " + id + " needs a cause reference (what it pays for).");
        }
        legs = List.copyOf(Objects.requireNonNull(legs, "A transfer needs legs."));
        if (legs.size() < 2) {
            throw new InvalidTransfer("Transfer " + id + " has " + legs.size() + " leg(s); it needs at least two.");
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            if (leg.amount().signum() == 0) {
                throw new InvalidTransfer("Transfer " + id + ": leg " + i + " (account " + leg.accountId()
                        + ") is zero; leave the account out instead.");
            }
            if (!seen.add(leg.accountId())) {
                throw new InvalidTransfer("Transfer " + id + ": account " + leg.accountId()
                        + " appears in more than one leg; add its amounts into one leg.");
            }
        }
    }

    /** A transfer that is posted at once. */
    public static TransferRequest posted(UUID id, CauseType causeType, String causeRef, String memo, List<Leg> legs) {
        return new TransferRequest(id, causeType, causeRef, memo, legs, false);
    }

    /** A transfer that reserves its debits until it is posted or voided. */
    public static TransferRequest pending(UUID id, CauseType causeType, String causeRef, String memo, List<Leg> legs) {
        return new TransferRequest(id, causeType, causeRef, memo, legs, true);
    }

    public Set<UUID> accountIds() {
        Set<UUID> ids = new HashSet<>();
        legs.forEach(leg -> ids.add(leg.accountId()));
        return ids;
    }

    /** Double entry: refuses the transfer unless its legs sum to zero in each currency they touch. */
    public void requireBalanced(Map<UUID, String> currencyOfAccount) {
        Map<String, BigInteger> totals = new TreeMap<>();
        for (Leg leg : legs) {
            String currency = currencyOfAccount.get(leg.accountId());
            if (currency == null) {
                throw new UnknownAccount(leg.accountId());
            }
            totals.merge(currency, leg.amount(), BigInteger::add);
        }
        totals.values().removeIf(total -> total.signum() == 0);
        if (!totals.isEmpty()) {
            throw new UnbalancedTransfer(id, totals);
        }
    }

    /** Whether a retry asks for the same movement of money as the stored legs (same accounts, amounts and order). */
    boolean sameLegsAs(List<Leg> stored) {
        return legs.equals(stored);
    }
}
