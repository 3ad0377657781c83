package io.tributary.persistence.rewards;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** A transfer whose legs do not sum to zero in some currency, so money would appear or vanish. */
public class UnbalancedTransfer extends InvalidTransfer {

    private final Map<String, BigInteger> imbalance;

    public UnbalancedTransfer(UUID transferId, Map<String, BigInteger> imbalance) {
        super("Transfer " + transferId + " does not sum to zero: "
                + imbalance.entrySet().stream()
                        .map(e -> e.getKey() + " is off by " + e.getValue())
                        .collect(Collectors.joining(", "))
                + ". Add a leg that takes up the difference (for example a platform fee or treasury leg).");
        this.imbalance = new TreeMap<>(imbalance);
    }

    /** The non-zero sum of the legs, per currency. */
    public Map<String, BigInteger> imbalance() {
        return imbalance;
    }
}
