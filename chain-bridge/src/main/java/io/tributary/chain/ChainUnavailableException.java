package io.tributary.chain;

/** The node did not answer (down, timed out, connection refused): retry later with back-off; nothing was decided. */
public class ChainUnavailableException extends RuntimeException {
    public ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
