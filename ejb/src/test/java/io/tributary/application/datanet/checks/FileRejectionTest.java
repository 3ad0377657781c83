package io.tributary.application.datanet.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FileRejectionTest {

    @ParameterizedTest
    @EnumSource(SourceFormat.class)
    void anEmptyFileIsRejectedInEveryFormat(SourceFormat format) {
        RecordType type = format.isDocument() ? RecordType.DOCUMENT : RecordType.QUESTION_ANSWER;

        assertThatThrownBy(() -> Uploads.read(type, format, new byte[0], Limits.DEFAULT))
                .isInstanceOf(FileRejected.class)
                .hasMessage("the file is empty");
    }

    @Test
    void latin1BytesAreRejectedNamingTheOffsetAndLine() {
        byte[] latin1 =
                "{\"question\": \"ok\", \"answer\": \"fine\"}\n{\"question\": \"Caf\u00e9?\", \"answer\": \"oui\"}\n"
                        .getBytes(StandardCharsets.ISO_8859_1);
        int offset = new String(latin1, StandardCharsets.ISO_8859_1).indexOf('\u00e9');

        assertThatThrownBy(() -> Uploads.read(RecordType.QUESTION_ANSWER, SourceFormat.JSONL, latin1, Limits.DEFAULT))
                .isInstanceOf(FileRejected.class)
                .hasMessage("the file is not UTF-8: byte 0xE9 at byte offset " + offset
                        + " (line 2) does not start a valid UTF-8 character; save it as UTF-8 and upload it again");
    }

    @Test
    void overlongEncodingsAndSurrogatesAreNotUtf8() {
        byte[] overlong = {'a', (byte) 0xC0, (byte) 0xAF};
        byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};

        assertThatThrownBy(() -> Uploads.read(RecordType.DOCUMENT, SourceFormat.TEXT, overlong, Limits.DEFAULT))
                .hasMessageContaining("byte 0xC0 at byte offset 1 (line 1) is not valid in UTF-8");
        assertThatThrownBy(() -> Uploads.read(RecordType.DOCUMENT, SourceFormat.TEXT, surrogate, Limits.DEFAULT))
                .hasMessageContaining("byte 0xED at byte offset 0 (line 1) does not start a valid UTF-8 character");
    }

    @Test
    void aFileOverTheCapIsRejectedAndReadingStopsAtTheCap() {
        Uploads.CountingStream source = new Uploads.CountingStream(
                new Uploads.EndlessLines("{\"question\": \"Is this endless?\", \"answer\": \"Yes\"}\n"));
        Limits limits = Limits.DEFAULT.withMaxBytes(100_000);

        assertThatThrownBy(() -> Uploads.read(RecordType.QUESTION_ANSWER, SourceFormat.JSONL, source, limits))
                .isInstanceOf(FileRejected.class)
                .hasMessage("the file is larger than the 100000-byte limit; reading stopped there")
                .extracting(e -> ((FileRejected) e).reason())
                .isEqualTo(FileRejected.Reason.TOO_LARGE);
        assertThat(source.count).isBetween(100_000L, 100_001L);
    }

    @Test
    void aFileExactlyAtTheCapIsAccepted() throws Exception {
        byte[] content = "{\"text\": \"exactly at the cap\"}\n".getBytes(StandardCharsets.UTF_8);

        Uploads upload = Uploads.read(
                RecordType.DOCUMENT, SourceFormat.JSONL, content, Limits.DEFAULT.withMaxBytes(content.length));

        assertThat(upload.records).hasSize(1);
    }

    @Test
    void moreRecordsThanTheLimitRejectTheFile() {
        String lines = "{\"text\": \"a record\"}\n".repeat(11);

        assertThatThrownBy(() -> Uploads.read(
                        RecordType.DOCUMENT,
                        SourceFormat.JSONL,
                        lines.getBytes(StandardCharsets.UTF_8),
                        Limits.DEFAULT.withMaxRecords(10)))
                .isInstanceOf(FileRejected.class)
                .hasMessageContaining("more than 10 records");
    }

    @Test
    void documentFormatsAreRefusedForPairDataNets() {
        assertThatThrownBy(() -> RecordReader.open(
                                RecordType.INSTRUCTION_RESPONSE,
                                SourceFormat.PDF,
                                new ByteArrayInputStream(new byte[] {1}),
                                Limits.DEFAULT)
                        .read(r -> {}, e -> {}))
                .isInstanceOf(FileRejected.class)
                .hasMessageContaining("upload JSONL or CSV with the fields [instruction, response]")
                .extracting(e -> ((FileRejected) e).reason())
                .isEqualTo(FileRejected.Reason.UNSUPPORTED);
    }

    @Test
    void aFileOfOnlyBlankLinesHasNoRecords() {
        assertThatThrownBy(() -> Uploads.read(RecordType.DOCUMENT, SourceFormat.JSONL, "\n\n  \n"))
                .isInstanceOf(FileRejected.class)
                .hasMessage("the file contains no records, only blank lines");
    }

    @Test
    void fileNamesMapToFormatsCaseInsensitively() {
        assertThat(SourceFormat.ofFileName("Data.JSONL")).contains(SourceFormat.JSONL);
        assertThat(SourceFormat.ofFileName("notes.md")).contains(SourceFormat.MARKDOWN);
        assertThat(SourceFormat.ofFileName("report.final.docx")).contains(SourceFormat.DOCX);
        assertThat(SourceFormat.ofFileName("legacy.doc")).isEmpty();
        assertThat(SourceFormat.ofFileName("README")).isEmpty();
        assertThat(SourceFormat.ofFileName("trailing.")).isEmpty();
    }
}
