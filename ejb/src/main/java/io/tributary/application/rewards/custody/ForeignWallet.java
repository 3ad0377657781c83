package io.tributary.application.rewards.custody;

import java.util.UUID;

/** A caller acting for one tenant asked for another tenant's wallet; refused before anything is decrypted. */
public final class ForeignWallet extends CustodyFailure {

    private static final long serialVersionUID = 1L;

    ForeignWallet(UUID walletId, UUID expectedTenant) {
        super("Wallet " + walletId + " does not belong to tenant " + expectedTenant);
    }
}
