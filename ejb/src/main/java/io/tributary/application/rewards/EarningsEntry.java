package io.tributary.application.rewards;

import io.tributary.persistence.rewards.AccountEntry;
import io.tributary.persistence.rewards.CauseType;
import io.tributary.persistence.rewards.TransferStatus;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** One line of a member's earnings history: their leg of a transfer, with its status and cause. */
public record EarningsEntry(
        UUID transferId,
        BigInteger amount,
        TransferStatus status,
        CauseType causeType,
        String causeRef,
        String memo,
        Instant createdAt,
        Instant postedAt,
        Instant voidedAt) {

    static EarningsEntry of(AccountEntry e) {
        return new EarningsEntry(
                e.transferId(),
                e.amount(),
                e.status(),
                e.causeType(),
                e.causeRef(),
                e.memo(),
                e.createdAt(),
                e.postedAt(),
                e.voidedAt());
    }
}
