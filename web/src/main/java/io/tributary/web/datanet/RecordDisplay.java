package io.tributary.web.datanet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/** Shows a contribution's stored JSON (its fields, its check results) as pages read them: {@code #{records}}. */
@Named("records")
@ApplicationScoped
public class RecordDisplay {

    /** One automatic check's result. */
    public record CheckResult(String check, String outcome, String detail) {}

    public List<Map.Entry<String, String>> fields(String json) {
        return DataNetViews.json(json).asJsonObject().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), ((jakarta.json.JsonString) e.getValue()).getString()))
                .toList();
    }

    public List<CheckResult> checks(String json) {
        return DataNetViews.json(json).asJsonArray().stream()
                .map(JsonValue::asJsonObject)
                .map(c -> new CheckResult(c.getString("check"), c.getString("outcome"), c.getString("detail")))
                .toList();
    }
}
