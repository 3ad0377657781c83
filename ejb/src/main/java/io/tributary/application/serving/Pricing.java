package io.tributary.application.serving;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * What a request costs: the model's price per 1,000 tokens (TRIB, up to 6 decimals) times the prompt and completion
 * tokens, in TRIB's base units (10^18 per TRIB), rounded up to a whole base unit so that no request is free by
 * rounding.
 */
public final class Pricing {

    private static final BigDecimal BASE_UNITS_PER_TRIB = BigDecimal.TEN.pow(18);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Pricing() {}

    public static BigInteger charge(BigDecimal pricePer1kTokens, long tokens) {
        if (pricePer1kTokens.signum() < 0 || tokens < 0) {
            throw new IllegalArgumentException("Prices and token counts are not negative");
        }
        return pricePer1kTokens
                .multiply(BASE_UNITS_PER_TRIB)
                .multiply(BigDecimal.valueOf(tokens))
                .divide(THOUSAND, 0, RoundingMode.CEILING)
                .toBigIntegerExact();
    }
}
