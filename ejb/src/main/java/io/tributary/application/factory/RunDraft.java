package io.tributary.application.factory;

import java.util.List;
import java.util.UUID;

/**
 * What a builder asks for in the wizard or over the API.
 *
 * @param preset QUICK, BALANCED or THOROUGH; the starting point for {@code settings}
 * @param settings advanced settings, or null for the preset's
 * @param forSale whether the model will be sold (priced inference): non-commercial releases cannot feed it
 */
public record RunDraft(
        String name,
        UUID baseModelId,
        List<ReleaseData.Wanted> releases,
        String objective,
        String preset,
        RunSettings settings,
        boolean forSale) {}
