package io.tributary.application.rewards.custody;

import java.util.UUID;

/** A sealed key did not authenticate: wrong master key, tampered bytes or a record moved to another wallet. */
public final class VaultSealed extends CustodyFailure {

    private static final long serialVersionUID = 1L;

    VaultSealed(UUID walletId, String reason) {
        // The cause is dropped on purpose: provider exceptions are not ours to vouch for.
        super("Sealed key of wallet " + walletId + " cannot be opened: " + reason);
    }
}
