package io.tributary.web.factory;

import io.tributary.application.attribution.AttributionQuality;
import io.tributary.application.attribution.AttributionQuality.QualityView;
import io.tributary.application.factory.FactoryService;
import io.tributary.application.factory.FactoryViews.ModelCard;
import io.tributary.application.factory.RunSettings;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A published model version's card: what it was trained from (base, releases with their Merkle roots), how
 * (settings), how well (evaluation), under which licence and price, its SHA-256s, how to call it, and its exports.
 */
@Named
@ViewScoped
public class ModelCardPage implements Serializable {

    @Inject
    transient FactoryService factory;

    @Inject
    transient AttributionQuality quality;

    @Inject
    CurrentActor actor;

    private String id;
    private ModelCard card;
    private transient JsonObject evaluation;
    private QualityView attributionQuality;

    public void load() throws IOException {
        Feedback.load(id, versionId -> factory.card(actor.get(), versionId)).ifPresent(c -> card = c);
    }

    /** The training settings as (name, value) rows, in the record's order. */
    public List<Setting> getSettings() {
        List<Setting> rows = new ArrayList<>();
        RunSettings s = card.version().settings();
        for (var component : RunSettings.class.getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(s);
                rows.add(new Setting(
                        component.getName(),
                        value instanceof List<?> l
                                ? String.join(
                                        ", ", l.stream().map(String::valueOf).toList())
                                : String.valueOf(value)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return rows;
    }

    /** One training setting as shown. */
    public record Setting(String name, String value) {}

    /** The evaluation report recorded with the version, or null. */
    public JsonObject getEvaluation() {
        if (evaluation == null && card != null && card.version().evaluation() != null) {
            try (var reader = Json.createReader(new StringReader(card.version().evaluation()))) {
                evaluation = reader.readObject();
            }
        }
        return evaluation;
    }

    /** The method that attributes this version's answers and its measured fidelity (attribution's). */
    public QualityView getAttributionQuality() {
        if (attributionQuality == null && card != null) {
            attributionQuality = quality.of(actor.get(), card.version().id());
        }
        return attributionQuality;
    }

    /** A call of the OpenAI-compatible API by this model's name. */
    public String getExample() {
        return "curl -H \"Authorization: Bearer trb_…\" -H 'Content-Type: application/json' \\\n"
                + "     -d '{\"model\":\"" + card.servedName()
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}' \\\n"
                + "     " + origin() + "/v1/chat/completions";
    }

    private static String origin() {
        var request = (jakarta.servlet.http.HttpServletRequest) jakarta.faces.context.FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequest();
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public ModelCard getCard() {
        return card;
    }
}
