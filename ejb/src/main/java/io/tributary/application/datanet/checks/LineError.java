package io.tributary.application.datanet.checks;

/**
 * A line (or CSV record, or chunk) of a contribution that could not be turned into a record.
 *
 * @param line    1-based line number where the problem is
 * @param message what is wrong, phrased so the contributor can fix it; starts with {@code "line N: "}
 */
public record LineError(int line, String message) {

    /** Longest message kept; a problem quoting the contributor's text must not grow without bound. */
    static final int MAX_MESSAGE_CHARS = 500;

    static LineError at(int line, String problem) {
        return new LineError(line, "line " + line + ": " + printable(problem));
    }

    /**
     * The text with control and invisible formatting characters (NUL, bidi overrides) written as U+XXXX, and cut to
     * {@link #MAX_MESSAGE_CHARS}: messages quote the file, and are stored as text and shown on pages.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_MESSAGE_CHARS));
        for (int i = 0; i < text.length() && out.length() < MAX_MESSAGE_CHARS; ) {
            int c = text.codePointAt(i);
            int kind = Character.getType(c);
            if (kind == Character.CONTROL
                    || kind == Character.FORMAT
                    || kind == Character.SURROGATE
                    || kind == Character.LINE_SEPARATOR
                    || kind == Character.PARAGRAPH_SEPARATOR) {
                out.append("U+%04X".formatted(c));
            } else {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out.length() >= MAX_MESSAGE_CHARS && text.length() > MAX_MESSAGE_CHARS ? out + "…" : out.toString();
    }

    @Override
    public String toString() {
        return message;
    }
}
