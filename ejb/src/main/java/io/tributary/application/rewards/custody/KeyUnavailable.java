package io.tributary.application.rewards.custody;

/** The master key a wallet is sealed under is not held by the provider (retired, misconfigured or unreachable). */
public final class KeyUnavailable extends CustodyFailure {

    private static final long serialVersionUID = 1L;

    public KeyUnavailable(String message) {
        super(message);
    }

    public KeyUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
