package io.tributary.web.shell;

import jakarta.json.JsonObject;

/**
 * A Chart.js configuration for {@code <p:chart>}, which PrimeFaces writes unescaped into an inline script of the page.
 */
public final class ChartSettings {

    private ChartSettings() {}

    /**
     * The configuration as JSON that cannot end the script it stands in: {@code <}, {@code >} and {@code &} in its
     * strings (a model or run name such as {@code </script><meta …>}, chosen by another organization) are written as
     * JSON escapes, which Chart.js reads back as the same text.
     */
    public static String of(JsonObject settings) {
        return settings.toString()
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026");
    }
}
