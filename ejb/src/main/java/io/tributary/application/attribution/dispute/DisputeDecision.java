package io.tributary.application.attribution.dispute;

import java.math.BigDecimal;

/**
 * A validator's decision.
 *
 * @param verdict {@code uphold} or {@code reject}
 * @param reason why, shown to the contributor
 * @param correction for {@code uphold}: TRIB paid to the contributor, at most the receipt's contributors' share
 */
public record DisputeDecision(String verdict, String reason, BigDecimal correction) {}
