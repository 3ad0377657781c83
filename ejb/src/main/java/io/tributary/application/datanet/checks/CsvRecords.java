package io.tributary.application.datanet.checks;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV tokenizer that recovers from a bad record by skipping to the end of its line.
 *
 * <p>Written here rather than taken from a library because the contributor needs the line a bad
 * record starts on and what exactly is wrong, and the reader must carry on afterwards.
 */
final class CsvRecords {

    /** A record that broke the quoting rules; reading can continue with {@link #next()}. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        Malformed(int line, String problem) {
            super(problem, null, false, false);
            this.line = line;
        }
    }

    private static final int EOF = -1;

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private int line = 1;
    private int recordLine;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The line the record last returned by {@link #next()} started on. */
    int recordLine() {
        return recordLine;
    }

    /** The next non-blank record's fields, or null at the end of the input. */
    List<String> next() throws IOException, Malformed {
        while (true) {
            if (peek() == EOF) {
                return null;
            }
            List<String> fields = record();
            if (!(fields.size() == 1 && fields.get(0).isBlank())) {
                return fields;
            }
        }
    }

    private List<String> record() throws IOException, Malformed {
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            int c = read();
            if (c == '"' && field.isEmpty()) {
                readQuoted(field, fields.size() + 1);
                int after = read();
                if (after == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    continue;
                }
                if (after == EOF || after == '\n' || after == '\r') {
                    fields.add(field.toString());
                    finishLine(after);
                    return fields;
                }
                skipRestOfLine();
                throw new Malformed(
                        recordLine,
                        "unexpected %s after the closing quote of field %d; a quote inside a quoted field must be doubled (\"\")"
                                .formatted(describe(after), fields.size() + 1));
            }
            switch (c) {
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                }
                case EOF, '\n', '\r' -> {
                    fields.add(field.toString());
                    finishLine(c);
                    return fields;
                }
                case '"' -> {
                    skipRestOfLine();
                    throw new Malformed(
                            recordLine,
                            "a quote inside unquoted field %d; wrap the whole field in double quotes and double the quote inside it"
                                    .formatted(fields.size() + 1));
                }
                default -> field.append((char) c);
            }
        }
    }

    private void readQuoted(StringBuilder field, int fieldNumber) throws IOException, Malformed {
        int openedOn = line;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new Malformed(
                        recordLine,
                        "the quoted field %d opened on line %d is never closed".formatted(fieldNumber, openedOn));
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    field.append('"');
                    continue;
                }
                return;
            }
            if (c == '\n') {
                line++;
            }
            field.append((char) c);
        }
    }

    private void finishLine(int terminator) throws IOException {
        if (terminator == '\r' && peek() == '\n') {
            read();
        }
        if (terminator == '\n' || terminator == '\r') {
            line++;
        }
    }

    private void skipRestOfLine() throws IOException {
        int c;
        do {
            c = read();
        } while (c != EOF && c != '\n' && c != '\r');
        finishLine(c);
    }

    private static String describe(int c) {
        return "character '" + (char) c + "'";
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
