package io.tributary.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class CsvDocumentTest {

    @Test
    void textIsQuotedOnlyWhenItMustBeAndFormulasAreDefused() {
        assertThat(CsvDocument.cell("clinic v1")).isEqualTo("clinic v1");
        assertThat(CsvDocument.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(CsvDocument.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvDocument.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvDocument.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CsvDocument.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvDocument.cell(null)).isEmpty();
        assertThat(CsvDocument.cell("-0.25")).as("a negative amount").isEqualTo("-0.25");
        assertThat(CsvDocument.cell("-1+2")).isEqualTo("'-1+2");
    }

    @Test
    void numbersKeepTheirSignAndEmptyCellsStayEmpty() {
        String csv = new CsvDocument("who", "amount", "note")
                .row("-ann", new BigInteger("-5"), null)
                .toString();
        assertThat(csv).isEqualTo("who,amount,note\n'-ann,-5,\n");
    }
}
