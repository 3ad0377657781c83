package io.tributary.application.rewards;

import io.tributary.persistence.rewards.custody.CustodialWallet;
import io.tributary.persistence.rewards.custody.WalletRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The short transactions the chain worker needs between steps: which wallets exist, and the sender lease. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ChainWork {

    @Inject
    WalletRepository wallets;

    public List<UUID> wallets() {
        return wallets.all().stream().map(CustodialWallet::getId).toList();
    }

    public boolean lease(UUID walletId, String node, Duration length) {
        Instant now = Instant.now();
        return wallets.lease(walletId, node, now, now.plus(length));
    }
}
