package io.tributary.chain;

/** The node answered with an error, for example a call or gas estimate that reverts. */
public class ChainRequestException extends RuntimeException {
    public ChainRequestException(String message) {
        super(message);
    }
}
