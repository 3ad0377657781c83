package io.tributary.application.datanet.checks;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Enforces the size cap and, for text formats, UTF-8 validity on the raw bytes as they stream past.
 *
 * <p>Validating here rather than in the decoder lets us name the exact byte offset and line of the
 * first bad byte, which a buffered {@code CharsetDecoder} cannot. Never reads more than
 * {@code maxBytes + 1} bytes from the source: the extra byte is how we know the cap was passed.
 */
final class GuardedInputStream extends FilterInputStream {

    /** Thrown through the reader stack and turned into {@link FileRejected} at the top. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        final transient FileRejected rejection;

        Refused(FileRejected rejection) {
            super(rejection.getMessage());
            this.rejection = rejection;
        }
    }

    /** How many affected lines an invalid-UTF-8 refusal names besides the first. */
    static final int NAMED_LINES = 20;

    private final long maxBytes;
    private final boolean validateUtf8;
    private long offset;
    private int line = 1;
    private boolean afterCarriageReturn;
    private Refused firstInvalid;
    private final List<Integer> invalidLines = new ArrayList<>();
    private int invalidLineCount;
    private int lastInvalidLine;
    private final int[] firstBytes = new int[4];
    private int pendingContinuations;
    private long leadOffset;
    private int leadByte;
    private int lowerBound = 0x80;
    private int upperBound = 0xBF;

    GuardedInputStream(InputStream in, long maxBytes, boolean validateUtf8) {
        super(in);
        this.maxBytes = maxBytes;
        this.validateUtf8 = validateUtf8;
    }

    long bytesRead() {
        return offset;
    }

    /** True once a byte that is not UTF-8 went past; the file will be refused when the stream ends. */
    boolean sawInvalidUtf8() {
        return firstInvalid != null;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long allowed = maxBytes + 1 - offset;
        int n = in.read(b, off, (int) Math.min(len, Math.max(1, allowed)));
        if (n < 0) {
            if (validateUtf8 && pendingContinuations > 0) {
                invalid(leadOffset, leadByte, "starts a character the file ends in the middle of");
            }
            if (firstInvalid != null) {
                throw refusalNamingLines();
            }
            return n;
        }
        if (offset + n > maxBytes) {
            throw new Refused(new FileRejected(
                    FileRejected.Reason.TOO_LARGE,
                    "the file is larger than the " + describe(maxBytes) + " limit; reading stopped there"));
        }
        if (validateUtf8) {
            validate(b, off, n);
        } else {
            offset += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would escape validation and counting.
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    /** Incremental UTF-8 check following the well-formed byte table in Unicode §3.9 (no overlongs, no surrogates). */
    private void validate(byte[] b, int off, int n) throws Refused {
        for (int i = off; i < off + n; i++, offset++) {
            int c = b[i] & 0xFF;
            if (offset < firstBytes.length) {
                firstBytes[(int) offset] = c;
                if (offset == 1 || offset == 3) {
                    refuseUtf16((int) offset);
                }
            }
            if (pendingContinuations > 0) {
                if (c >= lowerBound && c <= upperBound) {
                    lowerBound = 0x80;
                    upperBound = 0xBF;
                    pendingContinuations--;
                    continue;
                }
                // Resynchronise: the broken sequence is reported, this byte is judged on its own.
                invalid(leadOffset, leadByte, "does not start a valid UTF-8 character");
                pendingContinuations = 0;
                lowerBound = 0x80;
                upperBound = 0xBF;
            }
            // Line ends as the line readers count them: \n, \r\n and a lone \r each end one line.
            if (c == '\n') {
                if (!afterCarriageReturn) {
                    line++;
                }
            } else if (c == '\r') {
                line++;
            } else if (c >= 0x80) {
                leadOffset = offset;
                leadByte = c;
                startSequence(c);
            }
            afterCarriageReturn = c == '\r';
        }
    }

    /** UTF-16 text starts with a byte order mark or, for ASCII letters, a zero byte in every pair. */
    private void refuseUtf16(int last) throws Refused {
        int first = firstBytes[0];
        int second = firstBytes[1];
        boolean bom = last == 1 && ((first == 0xFE && second == 0xFF) || (first == 0xFF && second == 0xFE));
        boolean zeroInPair = last == 3
                && (first == 0) != (second == 0)
                && (firstBytes[2] == 0) == (first == 0)
                && (firstBytes[3] == 0) == (second == 0);
        if (bom || zeroInPair) {
            throw new Refused(new FileRejected(
                    FileRejected.Reason.NOT_UTF8,
                    "the file is UTF-16 ("
                            + (bom ? "it starts with a UTF-16 byte order mark" : "every other byte is zero")
                            + "), not UTF-8; save it as UTF-8 and upload it again"));
        }
    }

    private void invalid(long at, int value, String problem) {
        if (firstInvalid == null) {
            firstInvalid = notUtf8(at, value, problem);
        }
        if (invalidLineCount == 0 || lastInvalidLine != line) {
            lastInvalidLine = line;
            invalidLineCount++;
            if (invalidLines.size() <= NAMED_LINES) {
                invalidLines.add(line);
            }
        }
    }

    private Refused refusalNamingLines() {
        if (invalidLineCount <= 1) {
            return firstInvalid;
        }
        List<Integer> others = invalidLines.subList(1, invalidLines.size());
        String more =
                invalidLineCount - 1 > others.size() ? " and " + (invalidLineCount - 1 - others.size()) + " more" : "";
        String message = firstInvalid.rejection.getMessage()
                + " (bytes that are not UTF-8 are also on line" + (others.size() > 1 ? "s " : " ")
                + others.stream().map(String::valueOf).collect(Collectors.joining(", ")) + more + ")";
        return new Refused(new FileRejected(FileRejected.Reason.NOT_UTF8, message));
    }

    private void startSequence(int c) {
        if (c >= 0xC2 && c <= 0xDF) {
            pendingContinuations = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            pendingContinuations = 2;
            if (c == 0xE0) {
                lowerBound = 0xA0;
            } else if (c == 0xED) {
                upperBound = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            pendingContinuations = 3;
            if (c == 0xF0) {
                lowerBound = 0x90;
            } else if (c == 0xF4) {
                upperBound = 0x8F;
            }
        } else {
            invalid(offset, c, "is not valid in UTF-8");
        }
    }

    private Refused notUtf8(long at, int value, String problem) {
        // Name the byte that began the bad sequence: in Latin-1 or Windows-1252 text that is the accented letter
        // itself.
        return new Refused(new FileRejected(
                FileRejected.Reason.NOT_UTF8,
                "the file is not UTF-8: byte 0x%02X at byte offset %d (line %d) %s; save it as UTF-8 and upload it again"
                        .formatted(value, at, line, problem)));
    }

    static String describe(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return (bytes / (1024 * 1024)) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes / 1024) + " KiB";
        }
        return bytes + "-byte";
    }
}
