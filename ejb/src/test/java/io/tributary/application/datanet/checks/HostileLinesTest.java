package io.tributary.application.datanet.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Lines built to break the reader or the database behind it: each becomes a named bad line or a refused file. */
class HostileLinesTest {

    private static final String GOOD = "{\"question\": \"What is rain?\", \"answer\": \"Water falling from clouds.\"}";

    @Test
    void nulBytesInJsonlAreBadLinesNamedByNumberAndNeverReachARecord() throws Exception {
        String file = GOOD + "\n"
                + "{\"question\": \"Q\u0000\", \"answer\": \"A\"}\n" // raw NUL inside a string
                + "{\"question\": \"Q\\u0000\", \"answer\": \"A\"}\n" // escaped NUL, decoded by the parser
                + "{\"question\": \"Q\"\u0000, \"answer\": \"A\"}\n"; // raw NUL between tokens

        Uploads upload = Uploads.read(RecordType.QUESTION_ANSWER, SourceFormat.JSONL, file);

        assertThat(upload.records).hasSize(1);
        assertThat(upload.errorLines()).containsExactly(2, 3, 4);
        assertThat(upload.messages()).allSatisfy(m -> assertThat(m).doesNotContain("\u0000"));
        assertThat(upload.messages().get(1)).contains("\"question\" contains a NUL character (U+0000)");
        assertThat(upload.messages().get(2)).contains("U+0000");
    }

    @Test
    void nulBytesInCsvAreBadLines() throws Exception {
        String file = "question,answer\nWhat is rain?,Water from clouds.\nQ\u0000,A\n\"Q\",\"A\u0000\"\n";

        Uploads upload = Uploads.read(RecordType.QUESTION_ANSWER, SourceFormat.CSV, file);

        assertThat(upload.records).hasSize(1);
        assertThat(upload.errorLines()).containsExactly(3, 4);
        assertThat(upload.messages().get(1))
                .isEqualTo("line 4: \"answer\" contains a NUL character (U+0000) at" + " position 2; remove it");
    }

    @Test
    void nulBytesInPlainTextAreStrippedFromTheDocument() throws Exception {
        Uploads upload = Uploads.read(
                RecordType.DOCUMENT, SourceFormat.TEXT, "Rain\u0000 is water falling from clouds to the ground.");

        assertThat(upload.records).hasSize(1);
        assertThat(upload.records.get(0).fields().get("text"))
                .doesNotContain("\u0000")
                .startsWith("Rain is");
    }

    @Test
    void unpairedSurrogateEscapesAreBadLines() throws Exception {
        Uploads upload = Uploads.read(
                RecordType.QUESTION_ANSWER,
                SourceFormat.JSONL,
                GOOD
                        + "\n{\"question\": \"\\ud800\", \"answer\": \"A\"}\n{\"question\": \"\\ud83d\\ude00\", \"answer\":"
                        + " \"emoji is fine\"}\n");

        assertThat(upload.errorLines()).containsExactly(2);
        assertThat(upload.messages().get(0)).contains("unpaired surrogate (U+D800)");
        assertThat(upload.records).hasSize(2);
    }

    @Test
    void numbersWithThousandsOfDigitsAreNamedBadLines() throws Exception {
        String digits = "9".repeat(5_000);
        String file = GOOD + "\n{\"question\": \"Q\", \"answer\": \"A\", \"n\": " + digits + "}\n"
                + "{\"question\": \"Q\", \"answer\": \"A\", \"n\": 1e" + digits + "}\n" + "-" + digits + "\n";

        Uploads upload = Uploads.read(RecordType.QUESTION_ANSWER, SourceFormat.JSONL, file);

        assertThat(upload.records).hasSize(1);
        assertThat(upload.errorLines()).containsExactly(2, 3, 4);
        assertThat(upload.messages().get(0)).contains("a number longer than 100 characters");
    }

    @Test
    void jsonNestedAThousandLevelsDeepIsANamedBadLine() throws Exception {
        String deep = "[".repeat(1_000) + "]".repeat(1_000);
        String deepObject = "{\"a\":".repeat(1_000) + "1" + "}".repeat(1_000);
        String unclosed = "[".repeat(100_000);
        String file = deep + "\n" + GOOD + "\n" + deepObject + "\n" + unclosed + "\n";

        Uploads upload = Uploads.read(RecordType.QUESTION_ANSWER, SourceFormat.JSONL, file);

        assertThat(upload.records).hasSize(1);
        assertThat(upload.errorLines()).containsExactly(1, 3, 4);
        assertThat(upload.messages().get(0)).contains("nested deeper than 32 levels");
    }

    @Test
    void bracketsInsideStringsDoNotCountAsNesting() throws Exception {
        Uploads upload = Uploads.read(
                RecordType.QUESTION_ANSWER,
                SourceFormat.JSONL,
                "{\"question\": \"" + "[{".repeat(100) + "\", \"answer\": \"" + "9".repeat(500) + "\"}\n");

        assertThat(upload.errors).isEmpty();
        assertThat(upload.records).hasSize(1);
    }

    @Test
    void jsonlLinesThatAreNotObjectsAreBadLines() throws Exception {
        String file = String.join(
                "\n",
                GOOD,
                "[\"What is rain?\", \"Water\"]",
                "\"just a string\"",
                "42",
                "null",
                "true",
                "{}",
                "{\"question\": \"Q\", \"answer\": \"A\"} {\"question\": \"Q2\", \"answer\": \"A2\"}",
                "");

        Uploads upload = Uploads.read(RecordType.QUESTION_ANSWER, SourceFormat.JSONL, file);

        assertThat(upload.records).hasSize(1);
        assertThat(upload.errorLines()).containsExactly(2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void csvRowsWithUnbalancedQuotesAreBadLines() throws Exception {
        String file = String.join(
                "\n",
                "question,answer",
                "What is rain?,Water from clouds.",
                "\"Unclosed question,answer one",
                "Stray \" quote,answer two",
                "\"Closed\" then text,answer three",
                "Last question?,\"never closed");

        Uploads upload = Uploads.read(RecordType.QUESTION_ANSWER, SourceFormat.CSV, file);

        assertThat(upload.records).extracting(ParsedRecord::position).containsExactly(2);
        assertThat(upload.errors).isNotEmpty();
        assertThat(upload.errorLines()).allSatisfy(line -> assertThat(line).isGreaterThanOrEqualTo(3));
        assertThat(upload.reader.recordCount()).isEqualTo(1);
    }

    @Test
    void invalidUtf8NamesEveryLineItAffects() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int line = 1; line <= 6; line++) {
            String text =
                    "{\"question\": \"Q" + line + (line % 2 == 0 ? " caf\u00e9" : "") + "\", \"answer\": \"A\"}\n";
            file.writeBytes(text.getBytes(line % 2 == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> Uploads.read(
                        RecordType.QUESTION_ANSWER, SourceFormat.JSONL, file.toByteArray(), Limits.DEFAULT))
                .isInstanceOf(FileRejected.class)
                .hasMessageContaining("(line 2)")
                .hasMessageEndingWith("(bytes that are not UTF-8 are also on lines 4, 6)");
    }

    @Test
    void invalidUtf8LinesCountCarriageReturnsAsTheLineReaderDoes() {
        byte[] file = "{\"question\": \"Q\", \"answer\": \"A\"}\r{\"question\": \"caf\u00e9\", \"answer\": \"A\"}\r"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> Uploads.read(RecordType.QUESTION_ANSWER, SourceFormat.JSONL, file, Limits.DEFAULT))
                .hasMessageContaining("(line 2)");
    }

    @Test
    void utf16WithOrWithoutByteOrderMarkIsNamed() {
        byte[] withBom = ("\uFEFF" + GOOD).getBytes(StandardCharsets.UTF_16LE);
        byte[] bigEndian = ("\uFEFF" + GOOD).getBytes(StandardCharsets.UTF_16BE);
        byte[] withoutBom = GOOD.getBytes(StandardCharsets.UTF_16LE);

        for (byte[] file : new byte[][] {withBom, bigEndian, withoutBom}) {
            assertThatThrownBy(() -> Uploads.read(RecordType.QUESTION_ANSWER, SourceFormat.JSONL, file, Limits.DEFAULT))
                    .isInstanceOf(FileRejected.class)
                    .hasMessageContaining("the file is UTF-16")
                    .extracting(e -> ((FileRejected) e).reason())
                    .isEqualTo(FileRejected.Reason.NOT_UTF8);
        }
    }

    @Test
    void messagesNeverCarryControlOrBidiCharacters() {
        assertThat(LineError.at(3, "bad \u202Etxt.exe\u0000 and \u0007").message())
                .isEqualTo("line 3: bad U+202Etxt.exeU+0000 and U+0007");
        assertThat(LineError.at(1, "x".repeat(10_000)).message()).hasSizeLessThan(520);
    }
}
