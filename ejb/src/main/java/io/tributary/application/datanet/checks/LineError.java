package io.tributary.application.datanet.checks;

/**
 * A line (or CSV record, or chunk) of a contribution that could not be turned into a record.
 *
 * @param line    1-based line number where the problem is
 * @param message what is wrong, phrased so the contributor can fix it; starts with {@code "line N: "}
 */
public record LineError(int line, String message) {

    static LineError at(int line, String problem) {
        return new LineError(line, "line " + line + ": " + problem);
    }

    @Override
    public String toString() {
        return message;
    }
}
