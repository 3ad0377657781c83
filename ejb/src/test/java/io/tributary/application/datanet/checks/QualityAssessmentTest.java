package io.tributary.application.datanet.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QualityAssessmentTest {

    private static final String GOOD = "Crop rotation alternates cereals with legumes so that nitrogen fixed by the "
            + "legume roots feeds the following cereal, while the change of host interrupts the life cycle of soil pests.";

    @Test
    void ordinaryProseHasNoFlagsAndAFullScore() {
        Quality quality = QualityAssessment.of(GOOD);

        assertThat(quality.flags()).isEmpty();
        assertThat(quality.score()).isEqualTo(1.0);
    }

    @Test
    void blankTextIsEmptyWithScoreZero() {
        Quality quality = QualityAssessment.of(" \n\t ");

        assertThat(quality.flags()).containsExactly(QualityFlag.EMPTY);
        assertThat(quality.score()).isZero();
    }

    @Test
    void aFewWordsAreTooShort() {
        Quality quality = QualityAssessment.of("Yes.");

        assertThat(quality.flags()).containsExactly(QualityFlag.TOO_SHORT);
        assertThat(quality.score()).isLessThan(0.5);
    }

    @Test
    void symbolSoupIsGarbage() {
        assertThat(QualityAssessment.of("#$%^&*()_+{}|:<>?~`-=[]\\;',./ @@!! ##$$ %%^^ &&**")
                        .flags())
                .contains(QualityFlag.GARBAGE);
    }

    @Test
    void keyboardMashingIsGarbage() {
        Quality quality = QualityAssessment.of("asdfgh qwerty jklasdf zxcvbnm sdfghjkl qwertyuiop asdkjh");

        assertThat(quality.flags()).contains(QualityFlag.GARBAGE);
        assertThat(quality.score()).isLessThan(0.2);
    }

    @Test
    void aSingleRepeatedCharacterIsGarbage() {
        assertThat(QualityAssessment.of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa aaaaaaaaaaaa")
                        .flags())
                .contains(QualityFlag.GARBAGE);
    }

    @Test
    void controlCharactersAreGarbage() {
        assertThat(QualityAssessment.of("Normal start \u0001\u0002\u0003\u0004\u0005\u0006 then noise \uFFFD\uFFFD")
                        .flags())
                .contains(QualityFlag.GARBAGE);
    }

    @Test
    void theSamePhraseOverAndOverIsRepetitive() {
        Quality quality = QualityAssessment.of("buy cheap seeds now ".repeat(12));

        assertThat(quality.flags()).contains(QualityFlag.REPETITIVE).doesNotContain(QualityFlag.GARBAGE);
        assertThat(quality.score()).isLessThan(0.3);
    }

    @Test
    void shoutingIsAllCaps() {
        Quality quality = QualityAssessment.of(GOOD.toUpperCase());

        assertThat(quality.flags()).containsExactly(QualityFlag.ALL_CAPS);
        assertThat(quality.score()).isEqualTo(0.7);
    }

    @Test
    void nonLatinProseIsNotMistakenForGarbage() {
        Quality quality = QualityAssessment.of(
                "Севооборот чередует зерновые культуры с бобовыми, чтобы азот, связанный корнями бобовых, "
                        + "питал следующую культуру, а смена хозяина прерывала жизненный цикл почвенных вредителей.");

        assertThat(quality.flags()).isEmpty();
    }

    @Test
    void technicalAnswersWithCodeAreNotGarbage() {
        Quality quality =
                QualityAssessment.of("To list the files run ls -la in the shell, then use grep -r pattern . to search "
                        + "for the pattern in every file below the current directory.");

        assertThat(quality.flags()).isEmpty();
    }

    @Test
    void aRecordIsJudgedFieldByFieldForGarbageButAsAWholeForLength() {
        ParsedRecord mashedResponse = ParsedRecord.of(
                RecordType.INSTRUCTION_RESPONSE,
                1,
                java.util.Map.of("instruction", GOOD, "response", "asdfgh qwerty jklasdf zxcvbnm"));
        ParsedRecord shortAnswer = ParsedRecord.of(
                RecordType.QUESTION_ANSWER,
                1,
                java.util.Map.of("question", "Which river flows through Niamey in Niger?", "answer", "The Niger."));

        assertThat(QualityAssessment.of(mashedResponse.readableText()).flags()).doesNotContain(QualityFlag.GARBAGE);
        assertThat(QualityAssessment.of(mashedResponse).flags()).contains(QualityFlag.GARBAGE);
        assertThat(QualityAssessment.of(mashedResponse).score()).isLessThan(0.2);
        assertThat(QualityAssessment.of("The Niger.").flags()).contains(QualityFlag.TOO_SHORT);
        assertThat(QualityAssessment.of(shortAnswer).flags()).isEmpty();
    }

    @Test
    void aNumericLabelIsNotGarbage() {
        ParsedRecord labelled =
                ParsedRecord.of(RecordType.LABELLED_TEXT, 1, java.util.Map.of("text", GOOD, "label", "4.5"));

        assertThat(QualityAssessment.of("4.5").flags()).contains(QualityFlag.GARBAGE);
        assertThat(QualityAssessment.of(labelled).flags()).isEmpty();
    }
}
