package io.tributary.application.datanet.checks;

/**
 * A contribution file refused as a whole (empty, not UTF-8, too large, unsupported, unsafe or unreadable).
 *
 * <p>Whatever records were delivered before this was thrown must be discarded by the caller.
 */
public class FileRejected extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the file was refused, for the contributor's screen. */
    public enum Reason {
        EMPTY,
        NOT_UTF8,
        TOO_LARGE,
        TOO_MANY_RECORDS,
        UNSUPPORTED,
        BAD_HEADER,
        UNSAFE_ARCHIVE,
        UNREADABLE,
        ENCRYPTED,
        NO_TEXT
    }

    private final Reason reason;

    public FileRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FileRejected(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The category of the rejection, for filtering and metrics; the message is for people. */
    public Reason reason() {
        return reason;
    }
}
