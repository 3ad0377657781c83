package io.tributary.application.attribution;

import io.tributary.application.Actor;
import io.tributary.application.NotFound;
import io.tributary.application.datanet.ContributionService;
import io.tributary.application.datanet.ContributionView;
import io.tributary.application.datanet.DataNetService;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Names DataNets and records for a receipt's viewer, so pages need not show bare ids: a DataNet by its name and a
 * record by a preview of its fields, each only when the viewer's organization may see that DataNet (its own, or a
 * public one); otherwise nothing, and the page shows the id alone.
 */
@Stateless
public class RecordLabels {

    /** How long a record's preview may be. */
    static final int PREVIEW = 120;

    @Inject
    DataNetService dataNets;

    @Inject
    ContributionService contributions;

    /** The names of the DataNets the viewer may see, by id; the others are left out. */
    public Map<UUID, String> dataNetNames(Actor viewer, Collection<UUID> dataNetIds) {
        Map<UUID, String> names = new HashMap<>();
        for (UUID id : dataNetIds) {
            if (names.containsKey(id)) continue;
            try {
                names.put(id, dataNets.view(viewer, id).name());
            } catch (NotFound hidden) {
                // Another organization's private DataNet: its name is its own.
            }
        }
        return names;
    }

    /** Previews of the records whose DataNets the viewer may see ({@code visibleDataNets}), by record id. */
    public Map<UUID, String> previews(Actor viewer, List<UUID> recordIds, Collection<UUID> visibleDataNets) {
        Map<UUID, String> previews = new HashMap<>();
        if (recordIds.isEmpty() || visibleDataNets.isEmpty()) return previews;
        for (ContributionView c : contributions.views(viewer, recordIds)) {
            if (!visibleDataNets.contains(c.dataNetId())) continue;
            previews.put(c.id(), preview(String.join(" · ", c.fields().values())));
        }
        return previews;
    }

    static String preview(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > PREVIEW ? flat.substring(0, PREVIEW - 1) + "…" : flat;
    }
}
