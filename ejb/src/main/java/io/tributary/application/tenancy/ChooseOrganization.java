package io.tributary.application.tenancy;

import io.tributary.application.AccessDenied;
import java.util.List;

/** The person belongs to several organizations and has not said which one they act in. */
public class ChooseOrganization extends AccessDenied {

    private final List<String> aliases;

    public ChooseOrganization(List<String> aliases) {
        super("You belong to several organizations (" + String.join(", ", aliases)
                + "): choose one (API: send the header X-Tributary-Organization with its alias).");
        this.aliases = List.copyOf(aliases);
    }

    public List<String> aliases() {
        return aliases;
    }
}
