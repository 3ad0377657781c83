package io.tributary.application.datanet.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void isTheSha256HexOfTheNormalisedText() {
        // FIPS 180-2 test vector for "abc".
        assertThat(ContentHash.of("  abc \n"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theDocumentedExampleHashesAsDocsProofsMdSays() {
        ParsedRecord record = ParsedRecord.of(
                RecordType.QUESTION_ANSWER,
                1,
                Map.of(
                        "answer", "Between 60  and 100 beats\nper minute.",
                        "question", "What is the normal resting heart rate?",
                        "source", "not part of the record type"));

        assertThat(record.canonicalText())
                .isEqualTo("question\u001FWhat is the normal resting heart rate?\u001Eanswer\u001FBetween 60  and 100"
                        + " beats\nper minute.");
        assertThat(ContentHash.of(record.canonicalText()))
                .isEqualTo("508d035750eca984f0204ffb451f38437d6575e9ece3acf4fab95dc2d016064b");
    }

    @Test
    void composedAndDecomposedFormsHashEqually() {
        String composed = "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e";
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);

        assertThat(decomposed).isNotEqualTo(composed);
        assertThat(ContentHash.of(decomposed)).isEqualTo(ContentHash.of(composed));
    }

    @Test
    void runsOfWhitespaceIncludingNoBreakSpacesCountAsOneSpace() {
        assertThat(ContentHash.of("a\t\t b\r\n\u00A0c  ")).isEqualTo(ContentHash.of("a b c"));
    }

    @Test
    void caseAndPunctuationStillMatter() {
        assertThat(ContentHash.of("Paris.")).isNotEqualTo(ContentHash.of("paris."));
        assertThat(ContentHash.of("Paris.")).isNotEqualTo(ContentHash.of("Paris"));
    }

    @Test
    void fieldBoundariesSurviveNormalisation() {
        ParsedRecord split1 =
                ParsedRecord.of(RecordType.QUESTION_ANSWER, 1, Map.of("question", "What is 2+2", "answer", "4"));
        ParsedRecord split2 =
                ParsedRecord.of(RecordType.QUESTION_ANSWER, 1, Map.of("question", "What is", "answer", "2+2 4"));

        assertThat(ContentHash.of(split1.canonicalText())).isNotEqualTo(ContentHash.of(split2.canonicalText()));
    }

    @Test
    void theSameRecordReadFromJsonlAndCsvHashesEqually() throws Exception {
        Uploads jsonl = Uploads.read(
                RecordType.QUESTION_ANSWER,
                SourceFormat.JSONL,
                "{\"answer\": \"Ni\u0301ger\", \"question\": \"River  through Niamey?\"}\n");
        Uploads csv = Uploads.read(
                RecordType.QUESTION_ANSWER, SourceFormat.CSV, "question,answer\nRiver through Niamey?,N\u00edger\n");

        assertThat(ContentHash.of(jsonl.records.get(0).canonicalText()))
                .isEqualTo(ContentHash.of(csv.records.get(0).canonicalText()));
    }
}
