package io.tributary.application.rewards;

import jakarta.ejb.ApplicationException;
import java.math.BigInteger;

/** An organization's prepaid credits cannot cover what a request may cost; nothing was reserved. */
@ApplicationException(rollback = true)
public class CreditShortfall extends RuntimeException {

    private final BigInteger available;

    public CreditShortfall(BigInteger available, BigInteger requested) {
        super("Prepaid credits of " + available + " base units cannot cover " + requested + ".");
        this.available = available;
    }

    /** What the credits have available, in the token's smallest unit. */
    public BigInteger available() {
        return available;
    }
}
