package io.tributary.application.attribution.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellTest {

    @Test
    void cellsAreQuotedAndFormulasDefused() {
        assertThat(EarningsDashboards.cell("clinic v1")).isEqualTo("\"clinic v1\"");
        assertThat(EarningsDashboards.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(EarningsDashboards.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(EarningsDashboards.cell("@SUM(A1)")).startsWith("\"'@");
        assertThat(EarningsDashboards.cell(null)).isEqualTo("\"\"");
    }
}
