package io.tributary.application.rewards;

import io.tributary.application.InvalidInput;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/** The reward token's amounts: the ledger and the chain count base units, people read and type TRIB (18 decimals). */
public final class Trib {

    /** The ledger's currency code for the reward token. */
    public static final String CURRENCY = "TRIB";

    public static final int DECIMALS = 18;

    private static final BigDecimal ONE = BigDecimal.TEN.pow(DECIMALS);

    private Trib() {}

    /** Base units of a whole number of TRIB. */
    public static BigInteger of(long whole) {
        return BigInteger.valueOf(whole).multiply(ONE.toBigIntegerExact());
    }

    /** Base units of a typed amount; refuses anything not positive or finer than one base unit. */
    public static BigInteger parse(String field, BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new InvalidInput(Map.of(field, "The amount must be a positive number of " + CURRENCY + "."));
        }
        if (amount.stripTrailingZeros().scale() > DECIMALS) {
            throw new InvalidInput(Map.of(field, CURRENCY + " has at most " + DECIMALS + " decimals."));
        }
        return amount.multiply(ONE).toBigIntegerExact();
    }

    /** TRIB with up to four decimals, rounded down so a displayed balance is never more than what is there. */
    public static String format(BigInteger baseUnits) {
        if (baseUnits == null) return "";
        return new BigDecimal(baseUnits)
                .divide(ONE, 4, RoundingMode.DOWN)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** Ether with up to six decimals, for gas balances and costs shown to people. */
    public static String formatEther(BigInteger wei) {
        if (wei == null) return "";
        return new BigDecimal(wei)
                .divide(ONE, 6, RoundingMode.DOWN)
                .stripTrailingZeros()
                .toPlainString();
    }
}
