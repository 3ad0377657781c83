package io.tributary.application.rewards;

import java.time.Instant;
import java.util.UUID;

/** One wallet's line in the admin console: its organization, frozen or not, last reconciliation, alerts, work in flight. */
public record WalletHealth(
        UUID walletId,
        UUID tenantId,
        String tenant,
        String address,
        boolean frozen,
        String frozenReason,
        Instant reconciledAt,
        Long reconciledBlock,
        Boolean reconciledOk,
        long openAlerts,
        boolean sending) {}
