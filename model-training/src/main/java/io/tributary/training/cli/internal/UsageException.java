package io.tributary.training.cli.internal;

/** Bad command-line input: reported as a one-line error with a pointer to {@code --help}, never a stack trace. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
