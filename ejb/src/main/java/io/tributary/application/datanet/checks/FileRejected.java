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
        /** Zero bytes. */
        EMPTY,
        /** A text format whose bytes are not valid UTF-8. */
        NOT_UTF8,
        /** Larger than {@link Limits#maxBytes()}; reading stopped at the cap. */
        TOO_LARGE,
        /** More records than {@link Limits#maxRecords()}. */
        TOO_MANY_RECORDS,
        /** A format the DataNet's record type cannot take. */
        UNSUPPORTED,
        /** A CSV header that does not name the record type's fields. */
        BAD_HEADER,
        /** A DOCX whose parts would expand beyond the safety limits (a decompression bomb). */
        UNSAFE_ARCHIVE,
        /** A PDF or DOCX the parser cannot read. */
        UNREADABLE,
        /** A password-protected PDF or DOCX. */
        ENCRYPTED,
        /** No records: blank lines only, a header only, or a document without extractable text. */
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
