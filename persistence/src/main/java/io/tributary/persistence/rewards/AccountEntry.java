package io.tributary.persistence.rewards;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** One line of an account's history: its leg of a transfer, with the transfer's status and cause. */
public record AccountEntry(
        UUID transferId,
        BigInteger amount,
        TransferStatus status,
        CauseType causeType,
        String causeRef,
        String memo,
        Instant createdAt,
        Instant postedAt,
        Instant voidedAt) {}
