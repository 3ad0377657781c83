package io.tributary.application.rewards.custody;

/**
 * Why the vault refused to open or seal a key; messages name wallets and key ids, never key material.
 */
public abstract sealed class CustodyFailure extends RuntimeException
        permits VaultSealed, KeyUnavailable, ForeignWallet {

    private static final long serialVersionUID = 1L;

    CustodyFailure(String message) {
        super(message);
    }

    CustodyFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
