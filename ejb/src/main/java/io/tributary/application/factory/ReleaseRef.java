package io.tributary.application.factory;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;

/**
 * A DataNet release a run trains on, as it was when the run was created: its Merkle root commits to exactly the
 * records used, and its licence decides whether the model may be sold.
 */
public record ReleaseRef(
        UUID dataNetId,
        String dataNetName,
        int version,
        String merkleRoot,
        String licence,
        String recordType,
        int records) {

    /** Whether the licence forbids commercial use (Creative Commons NC variants, "non-commercial" wording). */
    public boolean nonCommercial() {
        return Licences.isNonCommercial(licence);
    }

    public String label() {
        return "'" + dataNetName + "' v" + version;
    }

    static String toJson(List<ReleaseRef> refs) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (ReleaseRef r : refs) {
            a.add(Json.createObjectBuilder()
                    .add("dataNetId", r.dataNetId().toString())
                    .add("dataNetName", r.dataNetName())
                    .add("version", r.version())
                    .add("merkleRoot", r.merkleRoot())
                    .add("licence", r.licence())
                    .add("recordType", r.recordType())
                    .add("records", r.records()));
        }
        return a.build().toString();
    }

    static List<ReleaseRef> fromJson(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            JsonArray a = reader.readArray();
            return a.stream()
                    .map(JsonValue::asJsonObject)
                    .map(o -> new ReleaseRef(
                            UUID.fromString(o.getString("dataNetId")),
                            o.getString("dataNetName"),
                            o.getInt("version"),
                            o.getString("merkleRoot"),
                            o.getString("licence"),
                            o.getString("recordType"),
                            o.getInt("records")))
                    .toList();
        }
    }

    static JsonObject asObject(ReleaseRef r) {
        return Json.createReader(new StringReader(toJson(List.of(r))))
                .readArray()
                .getJsonObject(0);
    }
}
