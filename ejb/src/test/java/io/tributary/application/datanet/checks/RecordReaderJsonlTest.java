package io.tributary.application.datanet.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordReaderJsonlTest {

    @Test
    void tenThousandLinesWithThreeBadOnesReportExactlyThoseLineNumbers() throws Exception {
        StringBuilder file = new StringBuilder();
        for (int line = 1; line <= 10_000; line++) {
            switch (line) {
                case 17 -> file.append("{\"instruction\": \"Explain tides\"}");
                case 4_242 -> file.append("{\"instruction\": \"Explain tides\", \"response\": \"The moon");
                case 9_999 -> file.append("{\"instruction\": \"Explain tides\", \"response\": 42}");
                default ->
                    file.append("{\"instruction\": \"Question ")
                            .append(line)
                            .append("\", \"response\": \"Answer ")
                            .append(line)
                            .append("\"}");
            }
            file.append('\n');
        }

        Uploads upload = Uploads.read(RecordType.INSTRUCTION_RESPONSE, SourceFormat.JSONL, file.toString());

        assertThat(upload.errorLines()).containsExactly(17, 4_242, 9_999);
        assertThat(upload.records).hasSize(9_997);
        assertThat(upload.records.get(16).position()).isEqualTo(18);
        assertThat(upload.messages().get(0)).isEqualTo("line 17: \"response\" is missing");
        assertThat(upload.messages().get(1))
                .startsWith("line 4242: not valid JSON (unexpected end of input at column ");
        assertThat(upload.messages().get(2)).isEqualTo("line 9999: \"response\" must be a string, not a number");
        assertThat(upload.reader.errorCount()).isEqualTo(3);
    }

    @Test
    void fieldsComeInTheRecordTypesOrderWhateverTheKeyOrder() throws Exception {
        Uploads upload = Uploads.read(
                RecordType.INSTRUCTION_RESPONSE,
                SourceFormat.JSONL,
                "{\"response\": \"Paris\", \"input\": \"France\", \"instruction\": \"Name the capital\"}\n");

        assertThat(upload.records.get(0).fields().keySet()).containsExactly("instruction", "response", "input");
        assertThat(upload.records.get(0).canonicalText())
                .isEqualTo("instruction\u001FName the capital\u001Eresponse\u001FParis\u001Einput\u001FFrance");
    }

    @Test
    void unknownFieldsAreDroppedAndListedButTheLineIsAccepted() throws Exception {
        Uploads upload = Uploads.read(
                RecordType.QUESTION_ANSWER,
                SourceFormat.JSONL,
                "{\"question\": \"Q\", \"answer\": \"A\", \"source\": \"wiki\", \"id\": 7}\n");

        assertThat(upload.errors).isEmpty();
        assertThat(upload.records.get(0).fields()).isEqualTo(Map.of("question", "Q", "answer", "A"));
        assertThat(upload.reader.ignoredFields()).containsExactly("source", "id");
    }

    @Test
    void blankLinesAreSkippedButStillCounted() throws Exception {
        Uploads upload = Uploads.read(
                RecordType.DOCUMENT, SourceFormat.JSONL, "\uFEFF{\"text\": \"one\"}\r\n\r\n   \n{\"text\": \"two\"}\n");

        assertThat(upload.errors).isEmpty();
        assertThat(upload.records).extracting(ParsedRecord::position).containsExactly(1, 4);
    }

    @Test
    void explainsEachKindOfBadLine() throws Exception {
        Uploads upload = Uploads.read(
                RecordType.LABELLED_TEXT,
                SourceFormat.JSONL,
                String.join(
                        "\n",
                        "[\"text\", \"label\"]",
                        "{\"text\": \"  \", \"label\": null}",
                        "{'text': 'single quotes'}",
                        "{\"text\": \"fine\", \"label\": \"ok\"} trailing",
                        "{\"text\": \"fine\", \"label\": \"ok\"}"));

        assertThat(upload.messages()).hasSize(4);
        assertThat(upload.messages().get(0)).isEqualTo("line 1: expected a JSON object {...}, found an array");
        assertThat(upload.messages().get(1))
                .isEqualTo("line 2: \"text\" is empty; \"label\" must be a string, not null");
        assertThat(upload.messages().get(2)).startsWith("line 3: not valid JSON (unexpected character ''' at column");
        assertThat(upload.messages().get(3))
                .startsWith("line 4: not valid JSON (unexpected text after the end of the value at column ");
        assertThat(upload.records).extracting(ParsedRecord::position).containsExactly(5);
    }

    @Test
    void anOverlongLineIsReportedWithoutStoppingTheFile() throws Exception {
        String huge = "{\"text\": \"" + "x".repeat(RecordReader.MAX_LINE_CHARS) + "\"}";
        Uploads upload = Uploads.read(RecordType.DOCUMENT, SourceFormat.JSONL, huge + "\n{\"text\": \"short\"}\n");

        assertThat(upload.errorLines()).containsExactly(1);
        assertThat(upload.messages().get(0)).contains("longer than 1000000 characters");
        assertThat(upload.records).extracting(ParsedRecord::position).containsExactly(2);
    }
}
