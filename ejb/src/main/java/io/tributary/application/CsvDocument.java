package io.tributary.application;

import java.util.StringJoiner;
import java.util.regex.Pattern;

/** A CSV download that spreadsheets open safely: a header line, then one line per row (RFC 4180 quoting). */
public final class CsvDocument {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final StringBuilder text = new StringBuilder();

    public CsvDocument(String... columns) {
        line((Object[]) columns);
    }

    /** Adds a row; {@code null} is an empty cell, anything else its {@code toString()}. */
    public CsvDocument row(Object... cells) {
        return line(cells);
    }

    private CsvDocument line(Object... cells) {
        StringJoiner line = new StringJoiner(",", "", "\n");
        for (Object c : cells) {
            line.add(c instanceof CharSequence s ? cell(s.toString()) : c == null ? "" : c.toString());
        }
        text.append(line);
        return this;
    }

    /**
     * A text cell: quoted when it holds a comma, quote or line break; a leading =, +, - or @ (other than a negative
     * number's) is defused so a spreadsheet never runs the text as a formula.
     */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        // A negative number such as an amount is data, not a formula.
        boolean formula = !value.isEmpty()
                && "=+-@".indexOf(value.charAt(0)) >= 0
                && !NUMBER.matcher(value).matches();
        String v = formula ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\""
                : v;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
