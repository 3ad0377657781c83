package io.tributary.application;

import java.util.StringJoiner;

/** A CSV download that spreadsheets open safely: a header line, then one line per row (RFC 4180 quoting). */
public final class CsvDocument {

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
     * A text cell: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused so a
     * spreadsheet never runs the text as a formula.
     */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\""
                : v;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
