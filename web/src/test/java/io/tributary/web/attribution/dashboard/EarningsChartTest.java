package io.tributary.web.attribution.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.persistence.attribution.dashboard.EarningsFigures.DailyAmount;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
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

    /** The attack: another organization names its model so that the label ends the page's inline script. */
    @Test
    void aModelNameCannotEndThePagesScript() {
        String hostile = "x</script><meta http-equiv=refresh content=0;url=//evil.example/login> & more";
        String chart = EarningsDashboard.lineChart(
                List.of(new DailyAmount(LocalDate.of(2026, 12, 7), hostile, BigInteger.TEN.pow(19))));

        assertThat(chart).doesNotContain("<", ">", "&").contains("\\u003c/script\\u003e");
        try (JsonReader reader = Json.createReader(new StringReader(chart))) {
            JsonObject settings = reader.readObject();
            JsonObject dataset =
                    settings.getJsonObject("data").getJsonArray("datasets").getJsonObject(0);
            assertThat(dataset.getString("label")).isEqualTo(hostile);
            assertThat(dataset.getJsonArray("data").toString()).isEqualTo("[10]");
        }
    }

    @Test
    void nothingToDrawIsNoChart() {
        assertThat(EarningsDashboard.lineChart(List.of())).isNull();
    }
}
