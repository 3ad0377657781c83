package io.tributary.web.attribution.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.persistence.attribution.dashboard.EarningsFigures.DailyAmount;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarningsChartTest {

    @Test
    void oneLinePerModelWithZerosOnDaysItEarnedNothing() {
        LocalDate monday = LocalDate.of(2026, 12, 7);
        String chart = EarningsDashboard.lineChart(List.of(
                new DailyAmount(monday, "clinic v1", new BigInteger("1500000000000000000")),
                new DailyAmount(monday.plusDays(1), "clinic \"v2\"", new BigInteger("250000000000000000"))));

        assertThat(chart)
                .contains("\"labels\":[\"2026-12-07\",\"2026-12-08\"]")
                .contains("{\"label\":\"clinic v1\"")
                .contains("\"data\":[1.5,0]")
                .contains("{\"label\":\"clinic \\\"v2\\\"\"")
                .contains("\"data\":[0,0.25]");
    }

    @Test
    void nothingToDrawIsNoChart() {
        assertThat(EarningsDashboard.lineChart(List.of())).isNull();
    }
}
