package io.tributary.web.shell;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * A Chart.js configuration for {@code <p:chart>}, which PrimeFaces writes unescaped into an inline script of the page.
 */
public final class ChartSettings {

    private ChartSettings() {}

    /**
     * A chart of this type ({@code line}, {@code bar}) over these labels (null when the datasets carry their x values),
     * as JSON that cannot end the script it stands in: {@code <}, {@code >} and {@code &} in its strings (a model or
     * run name such as {@code </script><meta …>}, chosen by another organization) are written as JSON escapes, which
     * Chart.js reads back as the same text.
     */
    public static String of(
            String type, JsonArrayBuilder labels, JsonArrayBuilder datasets, JsonObjectBuilder options) {
        JsonObjectBuilder data = Json.createObjectBuilder();
        if (labels != null) data.add("labels", labels);
        data.add("datasets", datasets);
        return Json.createObjectBuilder()
                .add("type", type)
                .add("data", data)
                .add("options", options)
                .build()
                .toString()
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026");
    }

    /** Options of a chart of amounts: the y axis starts at zero. */
    public static JsonObjectBuilder fromZero() {
        return Json.createObjectBuilder()
                .add(
                        "scales",
                        Json.createObjectBuilder()
                                .add("y", Json.createObjectBuilder().add("beginAtZero", true)));
    }

    /** Options of a chart that fills its box and draws new points at once (live and compared training curves). */
    public static JsonObjectBuilder filling() {
        return Json.createObjectBuilder().add("animation", false).add("maintainAspectRatio", false);
    }
}
