package io.tributary.persistence.rewards.settlement;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns organizations' unsettled positions into on-chain transfers. Each organization is settled against the
 * platform as a clearing house: what it owes in total goes out, what it is owed in total comes in, and no pair's
 * history matters; the transfers go straight from debtors to creditors to save a hop and its gas.
 *
 * <p>Largest debtor pays largest creditor first, so n organizations need at most n - 1 transfers. When debts exceed
 * credits (value paid to the platform's own accounts, which have no wallet), the smallest debtors keep the remainder;
 * when credits exceed debts (a debtor without a wallet), the smallest creditors wait for it.
 */
public final class Netting {

    private Netting() {}

    /** Positive positions are owed to the organization, negative ones it owes; zero positions are ignored. */
    public static List<Obligation> net(Map<UUID, BigInteger> positions) {
        Comparator<Map.Entry<UUID, BigInteger>> largestFirst = Comparator.comparing(
                        (Map.Entry<UUID, BigInteger> e) -> e.getValue().abs())
                .reversed()
                .thenComparing(Map.Entry::getKey);
        List<Map.Entry<UUID, BigInteger>> debtors = positions.entrySet().stream()
                .filter(e -> e.getValue().signum() < 0)
                .sorted(largestFirst)
                .toList();
        List<Map.Entry<UUID, BigInteger>> creditors = positions.entrySet().stream()
                .filter(e -> e.getValue().signum() > 0)
                .sorted(largestFirst)
                .toList();
        List<Obligation> transfers = new ArrayList<>();
        int d = 0;
        int c = 0;
        BigInteger owes =
                debtors.isEmpty() ? BigInteger.ZERO : debtors.get(0).getValue().negate();
        BigInteger owed =
                creditors.isEmpty() ? BigInteger.ZERO : creditors.get(0).getValue();
        while (d < debtors.size() && c < creditors.size()) {
            BigInteger amount = owes.min(owed);
            transfers.add(
                    new Obligation(debtors.get(d).getKey(), creditors.get(c).getKey(), amount));
            owes = owes.subtract(amount);
            owed = owed.subtract(amount);
            if (owes.signum() == 0 && ++d < debtors.size()) {
                owes = debtors.get(d).getValue().negate();
            }
            if (owed.signum() == 0 && ++c < creditors.size()) {
                owed = creditors.get(c).getValue();
            }
        }
        return transfers;
    }
}
