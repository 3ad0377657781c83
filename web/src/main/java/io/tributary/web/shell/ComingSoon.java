package io.tributary.web.shell;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.Map;

/** What a not-yet-built area of Tributary will do, said honestly. */
@Named
@RequestScoped
public class ComingSoon {

    /** A planned feature: its title and what it will let people do. */
    public record Feature(String title, String promise) {}

    private static final Map<String, Feature> FEATURES = Map.of(
            "factory",
            new Feature("Model Factory", "No-code LoRA fine-tuning of the platform's base models on released data."),
            "models",
            new Feature("Models", "Adapters served many-per-base-model behind an OpenAI-compatible API."),
            "attribution",
            new Feature("Attribution", "Which data shaped each answer, with inference receipts and the fee split."));

    public Feature getFeature() {
        String key = FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestParameterMap()
                .getOrDefault("feature", "");
        return FEATURES.getOrDefault(key, new Feature("Coming soon", "This part of Tributary is being built."));
    }
}
