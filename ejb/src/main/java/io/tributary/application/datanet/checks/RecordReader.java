package io.tributary.application.datanet.checks;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams the records out of one contribution file, reporting bad lines without stopping.
 *
 * <p>Format rules, so the contributor's screen can explain them:
 * <ul>
 * <li>JSONL: one JSON object per line; blank lines are skipped; every field of the record type
 *     must be a non-empty JSON string. Fields the record type does not know are <em>ignored, not
 *     stored and not an error</em>; their names are listed by {@link #ignoredFields()} so the
 *     contributor can be told.</li>
 * <li>CSV: RFC 4180 with a header row naming the fields (case-insensitive); the header must name
 *     every required field. Unknown columns are ignored the same way.</li>
 * <li>Markdown, text, PDF and DOCX: one {@link RecordType#DOCUMENT} record per chunk.</li>
 * </ul>
 * Text formats must be UTF-8 (a leading byte order mark is allowed). The input is never held
 * whole in memory; PDF and DOCX are spooled to a temporary file (bounded by the size cap)
 * because their parsers need random access. A reader is single-use and not thread-safe.
 */
public final class RecordReader {

    /** A single line longer than this is reported rather than buffered further. */
    static final int MAX_LINE_CHARS = 1_000_000;

    private static volatile JsonProvider json;

    private final RecordType type;
    private final SourceFormat format;
    private final GuardedInputStream in;
    private final Limits limits;
    private final Set<String> ignoredFields = new LinkedHashSet<>();
    private Consumer<ParsedRecord> sink;
    private int records;
    private int errors;
    private FileRejected stoppedBy;
    private boolean used;

    private RecordReader(RecordType type, SourceFormat format, InputStream in, Limits limits) {
        this.type = Objects.requireNonNull(type, "type");
        this.format = Objects.requireNonNull(format, "format");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.in = new GuardedInputStream(
                Objects.requireNonNull(in, "in"),
                limits.maxBytes(),
                !(format == SourceFormat.PDF || format == SourceFormat.DOCX));
    }

    /** A reader for one upload; nothing is read until {@link #read}. The caller closes {@code in}. */
    public static RecordReader open(RecordType type, SourceFormat format, InputStream in, Limits limits) {
        return new RecordReader(type, format, in, limits);
    }

    /**
     * Reads the whole file, passing each good record to {@code records} and each bad line to
     * {@code errors}, in file order.
     *
     * @throws FileRejected if the file as a whole is refused; records already passed on must then be discarded
     */
    public void read(Consumer<ParsedRecord> records, Consumer<LineError> errors) throws FileRejected, IOException {
        if (used) {
            throw new IllegalStateException("a RecordReader reads its file once");
        }
        used = true;
        this.sink = records;
        Consumer<LineError> counted = error -> {
            this.errors++;
            errors.accept(error);
        };
        checkTypeFits();
        try {
            switch (format) {
                case JSONL -> readJsonl(counted);
                case CSV -> readCsv(counted);
                case TEXT, MARKDOWN -> readText();
                case PDF, DOCX -> readExtracted();
            }
        } catch (GuardedInputStream.Refused refused) {
            throw refused.rejection;
        } catch (Stopped stopped) {
            throw stoppedBy;
        }
        if (in.bytesRead() == 0) {
            throw new FileRejected(FileRejected.Reason.EMPTY, "the file is empty");
        }
        if (this.records == 0 && this.errors == 0) {
            throw new FileRejected(
                    FileRejected.Reason.NO_TEXT,
                    format.isDocument()
                            ? "no text was found in the file"
                                    + (format == SourceFormat.PDF
                                            ? " (a scanned PDF without a text layer cannot be read)"
                                            : "")
                            : format == SourceFormat.CSV
                                    ? "the file has a header row but no records"
                                    : "the file contains no records, only blank lines");
        }
    }

    /** Field names found in the file that the record type does not know; they were dropped. */
    public Set<String> ignoredFields() {
        return Collections.unmodifiableSet(ignoredFields);
    }

    /** Records delivered so far. */
    public int recordCount() {
        return records;
    }

    /** Bad lines reported so far. */
    public int errorCount() {
        return errors;
    }

    /** Bytes of the upload consumed so far. */
    public long bytesRead() {
        return in.bytesRead();
    }

    private void checkTypeFits() throws FileRejected {
        if (format.isDocument() && type != RecordType.DOCUMENT) {
            throw new FileRejected(
                    FileRejected.Reason.UNSUPPORTED,
                    format
                            + " files become document records, but this DataNet collects "
                            + type.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + " records; upload JSONL or CSV with the fields " + type.requiredFields());
        }
    }

    private void deliver(int position, Map<String, String> values) {
        if (in.sawInvalidUtf8()) {
            // The file will be refused when the stream ends; records decoded from broken bytes are not passed on.
            return;
        }
        if (records >= limits.maxRecords()) {
            stoppedBy = new FileRejected(
                    FileRejected.Reason.TOO_MANY_RECORDS,
                    "the file has more than " + limits.maxRecords() + " records, the limit for one upload; split it");
            throw new Stopped();
        }
        records++;
        sink.accept(ParsedRecord.of(type, position, values));
    }

    // ---------------------------------------------------------------- JSONL

    private void readJsonl(Consumer<LineError> errors) throws IOException {
        LineSource lines = new LineSource(utf8(in));
        StringBuilder line = new StringBuilder();
        int number = 0;
        LineSource.Result result;
        while ((result = lines.next(line)) != LineSource.Result.END) {
            number++;
            if (result == LineSource.Result.TOO_LONG) {
                errors.accept(LineError.at(
                        number,
                        "the line is longer than " + MAX_LINE_CHARS
                                + " characters; one record per line, each under that size"));
                continue;
            }
            if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line.deleteCharAt(0);
            }
            if (line.toString().isBlank()) {
                continue;
            }
            jsonLine(number, line.toString(), errors);
        }
    }

    private void jsonLine(int number, String line, Consumer<LineError> errors) {
        String beyondBounds = JsonBounds.check(line);
        if (beyondBounds != null) {
            errors.accept(LineError.at(number, beyondBounds));
            return;
        }
        JsonValue value;
        try (JsonParser parser = json().createParser(new StringReader(line))) {
            parser.next();
            value = parser.getValue();
            try {
                if (parser.hasNext()) {
                    parser.next();
                    throw new JsonParsingException("more content", parser.getLocation());
                }
            } catch (JsonParsingException e) {
                errors.accept(LineError.at(
                        number,
                        "not valid JSON (unexpected text after the end of the value" + column(e.getLocation())
                                + "; one record per line)"));
                return;
            }
        } catch (JsonParsingException e) {
            errors.accept(LineError.at(number, "not valid JSON (" + describe(e) + ")"));
            return;
        } catch (JsonException | NoSuchElementException e) {
            errors.accept(LineError.at(number, "not valid JSON (" + e.getMessage() + ")"));
            return;
        } catch (RuntimeException | StackOverflowError e) {
            // The parser's own limits (number size, depth) or a parser bug: a bad line, never a failed upload.
            errors.accept(LineError.at(
                    number,
                    "not valid JSON that Tributary can read (" + e.getClass().getSimpleName() + ")"));
            return;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.accept(LineError.at(number, "expected a JSON object {...}, found " + article(value.getValueType())));
            return;
        }
        JsonObject object = value.asJsonObject();
        Map<String, String> values = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : type.fields()) {
            JsonValue field = object.get(name);
            boolean required = type.requiredFields().contains(name);
            if (field == null) {
                if (required) {
                    problems.add(quote(name) + " is missing");
                }
            } else if (field.getValueType() != JsonValue.ValueType.STRING) {
                problems.add(quote(name) + " must be a string, not " + article(field.getValueType()));
            } else {
                String text = ((jakarta.json.JsonString) field).getString();
                String unstorable = unstorable(text);
                if (unstorable != null) {
                    problems.add(quote(name) + " " + unstorable);
                } else if (text.isBlank()) {
                    if (required) {
                        problems.add(quote(name) + " is empty");
                    }
                } else {
                    values.put(name, text);
                }
            }
        }
        for (String name : object.keySet()) {
            if (!type.knows(name)) {
                ignoredFields.add(name);
            }
        }
        if (problems.isEmpty()) {
            deliver(number, values);
        } else {
            errors.accept(LineError.at(number, String.join("; ", problems)));
        }
    }

    /**
     * Why a value cannot be stored as text, or null: PostgreSQL refuses U+0000 in text, and an unpaired surrogate
     * (from a JSON escape such as \\uD800) is no character at all.
     */
    static String unstorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "contains a NUL character (U+0000) at position " + (i + 1) + "; remove it";
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate (U+%04X) at position %d; that is not a character"
                        .formatted((int) c, i + 1);
            }
        }
        return null;
    }

    private static String describe(JsonParsingException e) {
        // Parsson's messages name tokens and char codes; turn them into words a contributor knows.
        String raw = String.valueOf(e.getMessage());
        String what;
        if (raw.contains("EOF") || raw.startsWith("Unexpected char -1 ")) {
            what = "unexpected end of input";
        } else if (raw.startsWith("Unexpected char")) {
            what = "unexpected character";
            try {
                int code = Integer.parseInt(
                        raw.substring("Unexpected char ".length(), raw.indexOf(' ', "Unexpected char ".length())));
                what += Character.isISOControl(code) || !Character.isDefined(code)
                        ? " U+%04X".formatted(code)
                        : " '" + new String(Character.toChars(code)) + "'";
            } catch (RuntimeException unparsable) {
                // Message format differs between parser versions; the column still locates it.
            }
        } else {
            what = "unexpected token";
        }
        return what + column(e.getLocation());
    }

    private static String column(JsonLocation location) {
        return location == null || location.getColumnNumber() < 0 ? "" : " at column " + location.getColumnNumber();
    }

    private static String article(JsonValue.ValueType type) {
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    private static String quote(String name) {
        return "\"" + name + "\"";
    }

    private static JsonProvider json() {
        // JsonProvider.provider() runs a service lookup on every call; look it up once.
        JsonProvider provider = json;
        if (provider == null) {
            provider = JsonProvider.provider();
            json = provider;
        }
        return provider;
    }

    // ---------------------------------------------------------------- CSV

    private void readCsv(Consumer<LineError> errors) throws IOException, FileRejected {
        CsvRecords csv = new CsvRecords(utf8(in));
        List<String> header;
        try {
            header = csv.next();
        } catch (CsvRecords.Malformed e) {
            throw new FileRejected(
                    FileRejected.Reason.BAD_HEADER, "the CSV header row is malformed: " + e.getMessage());
        }
        if (header == null) {
            return;
        }
        String[] columns = columns(header);
        while (true) {
            List<String> row;
            try {
                row = csv.next();
            } catch (CsvRecords.Malformed e) {
                errors.accept(LineError.at(e.line, e.getMessage()));
                continue;
            }
            if (row == null) {
                return;
            }
            int line = csv.recordLine();
            if (row.size() != columns.length) {
                errors.accept(LineError.at(
                        line,
                        "expected " + columns.length + " fields as in the header, found " + row.size()
                                + (row.size() > columns.length ? "; quote fields that contain commas" : "")));
                continue;
            }
            Map<String, String> values = new HashMap<>();
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < columns.length; i++) {
                if (columns[i] != null && !row.get(i).isBlank()) {
                    String unstorable = unstorable(row.get(i));
                    if (unstorable != null) {
                        problems.add(quote(columns[i]) + " " + unstorable);
                    } else {
                        values.put(columns[i], row.get(i));
                    }
                }
            }
            for (String name : type.requiredFields()) {
                if (!values.containsKey(name) && problems.stream().noneMatch(p -> p.startsWith(quote(name)))) {
                    problems.add(quote(name) + " is empty");
                }
            }
            if (problems.isEmpty()) {
                deliver(line, values);
            } else {
                errors.accept(LineError.at(line, String.join("; ", problems)));
            }
        }
    }

    /** Field name per column, null for columns that are ignored. */
    private String[] columns(List<String> header) throws FileRejected {
        String[] columns = new String[header.size()];
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (!seen.add(name)) {
                throw new FileRejected(
                        FileRejected.Reason.BAD_HEADER, "the CSV header names the column " + quote(name) + " twice");
            }
            if (type.knows(name)) {
                columns[i] = name;
            } else {
                ignoredFields.add(name);
            }
        }
        List<String> missing = type.requiredFields().stream()
                .filter(name -> !seen.contains(name))
                .toList();
        if (!missing.isEmpty()) {
            throw new FileRejected(
                    FileRejected.Reason.BAD_HEADER,
                    "the CSV header row must name the columns " + type.requiredFields() + "; missing " + missing
                            + " (the header was " + header + ")");
        }
        return columns;
    }

    // ---------------------------------------------------------------- documents

    private void readText() throws IOException {
        Reader reader = utf8(in);
        int first = reader.read();
        if (first < 0) {
            return;
        }
        try (DocumentChunker.Feed feed = chunker()) {
            if (first != '\uFEFF') {
                feed.write(first);
            }
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                feed.write(buffer, 0, n);
            }
        }
    }

    private void readExtracted() throws IOException, FileRejected {
        Path spooled =
                Files.createTempFile("datanet-upload-", "." + format.name().toLowerCase(Locale.ROOT));
        try {
            try (OutputStream out = Files.newOutputStream(spooled)) {
                in.transferTo(out);
            }
            if (in.bytesRead() == 0) {
                return;
            }
            if (format == SourceFormat.DOCX) {
                ArchiveGuard.check(spooled);
            }
            try (DocumentChunker.Feed feed = chunker()) {
                DocumentText.extract(format, spooled, feed);
            } catch (FileRejected | RuntimeException e) {
                if (stoppedBy != null) {
                    throw stoppedBy;
                }
                throw e;
            }
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    private DocumentChunker.Feed chunker() {
        int[] chunk = {0};
        // Documents keep their text minus NUL characters, which PostgreSQL cannot store and no reader would miss.
        return new DocumentChunker(limits.chunking())
                .feed(text ->
                        deliver(++chunk[0], Map.of("text", text.indexOf('\0') < 0 ? text : text.replace("\0", ""))));
    }

    private static Reader utf8(InputStream in) {
        // Bytes were already validated by GuardedInputStream, so the decoder never needs to replace anything.
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** Unwinds the reader (and any parser calling back into it) once the record cap is passed. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("record limit reached", null, false, false);
        }
    }

    /** Reads lines of bounded length, treating \n, \r\n and a lone \r as line ends. */
    private static final class LineSource {
        enum Result {
            LINE,
            TOO_LONG,
            END
        }

        private final Reader in;
        private final char[] buffer = new char[16 * 1024];
        private int position;
        private int limit;
        private boolean pendingCarriageReturn;

        LineSource(Reader in) {
            this.in = in;
        }

        Result next(StringBuilder line) throws IOException {
            line.setLength(0);
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return any ? (tooLong ? Result.TOO_LONG : Result.LINE) : Result.END;
                    }
                }
                char c = buffer[position++];
                if (pendingCarriageReturn) {
                    pendingCarriageReturn = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                any = true;
                if (c == '\n' || c == '\r') {
                    pendingCarriageReturn = c == '\r';
                    return tooLong ? Result.TOO_LONG : Result.LINE;
                }
                if (line.length() < MAX_LINE_CHARS) {
                    line.append(c);
                } else {
                    tooLong = true;
                }
            }
        }
    }
}
