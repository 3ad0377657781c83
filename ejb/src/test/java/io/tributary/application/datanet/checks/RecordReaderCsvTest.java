package io.tributary.application.datanet.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordReaderCsvTest {

    private static Uploads csv(String content) throws Exception {
        return Uploads.read(RecordType.QUESTION_ANSWER, SourceFormat.CSV, content);
    }

    @Test
    void quotedFieldsMayHoldCommasDoubledQuotesAndNewlines() throws Exception {
        Uploads upload = csv("Question,Answer\r\n"
                + "\"Is 1,000 large?\",\"It \"\"depends\"\"\"\r\n"
                + "\"Two\nlines?\",\"Yes\n\nreally\"\r\n"
                + "plain,text\r\n");

        assertThat(upload.errors).isEmpty();
        assertThat(upload.records).hasSize(3);
        assertThat(upload.records.get(0).fields())
                .isEqualTo(Map.of("question", "Is 1,000 large?", "answer", "It \"depends\""));
        assertThat(upload.records.get(1).fields()).containsEntry("answer", "Yes\n\nreally");
        assertThat(upload.records).extracting(ParsedRecord::position).containsExactly(2, 3, 7);
    }

    @Test
    void badQuotingIsReportedOnTheLineTheRecordStartsAndReadingContinues() throws Exception {
        Uploads upload = csv("question,answer\n"
                + "ok,fine\n"
                + "she said \"hi\",x\n"
                + "\"closed\"late,x\n"
                + "a,b,c\n"
                + "only-one\n"
                + ",missing question\n"
                + "good,again\n");

        assertThat(upload.errorLines()).containsExactly(3, 4, 5, 6, 7);
        assertThat(upload.messages().get(0))
                .isEqualTo(
                        "line 3: a quote inside unquoted field 1; wrap the whole field in double quotes and double the quote inside it");
        assertThat(upload.messages().get(1))
                .startsWith("line 4: unexpected character 'l' after the closing quote of field 1");
        assertThat(upload.messages().get(2))
                .isEqualTo("line 5: expected 2 fields as in the header, found 3; quote fields that contain commas");
        assertThat(upload.messages().get(3)).isEqualTo("line 6: expected 2 fields as in the header, found 1");
        assertThat(upload.messages().get(4)).isEqualTo("line 7: \"question\" is empty");
        assertThat(upload.records).extracting(ParsedRecord::position).containsExactly(2, 8);
    }

    @Test
    void aQuoteThatNeverClosesNamesWhereItOpened() throws Exception {
        Uploads upload = csv("question,answer\nfirst,ok\nsecond,\"never closed\nthird,x\n");

        assertThat(upload.messages()).containsExactly("line 3: the quoted field 2 opened on line 3 is never closed");
        assertThat(upload.records).hasSize(1);
    }

    @Test
    void unknownColumnsAreIgnoredAndEmptyOptionalFieldsLeftOut() throws Exception {
        Uploads upload = Uploads.read(
                RecordType.INSTRUCTION_RESPONSE,
                SourceFormat.CSV,
                "id,instruction,input,response\n1,Translate,,Bonjour\n");

        assertThat(upload.records.get(0).fields()).isEqualTo(Map.of("instruction", "Translate", "response", "Bonjour"));
        assertThat(upload.reader.ignoredFields()).containsExactly("id");
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsRejectsTheFile() {
        assertThatThrownBy(() -> csv("question,reply\nq,a\n"))
                .isInstanceOf(FileRejected.class)
                .hasMessageContaining("missing [answer]")
                .extracting(e -> ((FileRejected) e).reason())
                .isEqualTo(FileRejected.Reason.BAD_HEADER);
    }

    @Test
    void aRepeatedHeaderColumnRejectsTheFile() {
        assertThatThrownBy(() -> csv("question,answer,Answer\nq,a,b\n"))
                .isInstanceOf(FileRejected.class)
                .hasMessageContaining("\"answer\" twice");
    }

    @Test
    void aHeaderWithoutRowsHasNoRecords() {
        assertThatThrownBy(() -> csv("question,answer\r\n"))
                .isInstanceOf(FileRejected.class)
                .hasMessage("the file has a header row but no records");
    }
}
