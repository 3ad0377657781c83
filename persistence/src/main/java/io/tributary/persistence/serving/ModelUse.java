package io.tributary.persistence.serving;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * One request to a model as its owner sees it: which model, how many tokens, what it earned, how it ended; never who
 * called (the caller may be another organization).
 */
public record ModelUse(
        UUID id,
        String model,
        UUID versionId,
        int promptTokens,
        int completionTokens,
        int latencyMs,
        Integer timeToFirstTokenMs,
        UsageStatus status,
        BigInteger charge,
        Instant createdAt) {}
