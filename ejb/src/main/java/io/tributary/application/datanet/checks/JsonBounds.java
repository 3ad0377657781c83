package io.tributary.application.datanet.checks;

/**
 * Refuses a JSON line before any parser sees it when it nests too deep or carries a number too long to be data.
 *
 * <p>A single forward pass over the characters, aware of strings and escapes, with constant memory: a thousand
 * nested brackets or a number of ten thousand digits costs a scan, not a recursive descent or a BigDecimal. String
 * length is already bounded by the line cap ({@link RecordReader#MAX_LINE_CHARS}).
 */
final class JsonBounds {

    /** Deepest nesting of objects and arrays; a record is one object of strings, so 2 is what it needs. */
    static final int MAX_DEPTH = 32;

    /** Longest number token, in characters (a double needs at most 24). */
    static final int MAX_NUMBER_CHARS = 100;

    private JsonBounds() {}

    /** Why the line is beyond the bounds, or null when it is within them (it may still be invalid JSON). */
    static String check(String line) {
        int depth = 0;
        int number = 0;
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            boolean numeric = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
            number = numeric ? number + 1 : 0;
            if (number > MAX_NUMBER_CHARS) {
                return "a number longer than " + MAX_NUMBER_CHARS + " characters at column " + (i + 2 - number)
                        + "; numbers that long are not data Tributary keeps";
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    if (++depth > MAX_DEPTH) {
                        return "JSON nested deeper than " + MAX_DEPTH + " levels (at column " + (i + 1)
                                + "); a record is one object of text fields";
                    }
                }
                case '}', ']' -> depth--;
                default -> {}
            }
        }
        return null;
    }
}
