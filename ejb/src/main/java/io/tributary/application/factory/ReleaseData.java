package io.tributary.application.factory;

import io.tributary.application.Actor;
import io.tributary.application.InvalidInput;
import io.tributary.application.curation.ReleaseService;
import io.tributary.application.datanet.DataNetService;
import io.tributary.persistence.curation.Release;
import io.tributary.persistence.datanet.DataNet;
import io.tributary.persistence.factory.Objective;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Reads DataNet releases for training, only through the datanet and curation services (never their tables): what a
 * release is, whether the actor's organization may use it, and its records from the release export.
 */
@Stateless
public class ReleaseData {

    /** A release the builder asked for. */
    public record Wanted(UUID dataNetId, int version) {}

    @Inject
    DataNetService dataNets;

    @Inject
    ReleaseService releases;

    /** The releases as the actor's organization may use them (its own, and public ones of other organizations). */
    public List<ReleaseRef> resolve(Actor actor, List<Wanted> wanted) {
        if (wanted == null || wanted.isEmpty()) {
            throw new InvalidInput("releases", "Choose at least one DataNet release to train on.");
        }
        List<ReleaseRef> refs = new ArrayList<>();
        for (Wanted w : wanted) {
            if (w == null || w.dataNetId() == null) {
                throw new InvalidInput("releases", "Each release needs its DataNet and version.");
            }
            DataNet d = dataNets.get(actor, w.dataNetId());
            Release r = releases.release(actor, w.dataNetId(), w.version());
            ReleaseRef ref = new ReleaseRef(
                    d.getId(),
                    d.getName(),
                    r.getVersion(),
                    r.getMerkleRoot(),
                    d.getLicence(),
                    d.getRecordType(),
                    r.getRecordCount());
            if (refs.stream().anyMatch(x -> x.dataNetId().equals(ref.dataNetId()) && x.version() == ref.version())) {
                throw new InvalidInput("releases", "Release " + ref.label() + " is listed twice.");
            }
            refs.add(ref);
        }
        return refs;
    }

    /**
     * The releases' records as training text for the objective, release by release in record-id order. The release
     * must still match its root (the export checks it).
     */
    public List<TrainingText> texts(Actor actor, List<ReleaseRef> refs, Objective objective) {
        List<TrainingText> texts = new ArrayList<>();
        for (ReleaseRef ref : refs) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            releases.export(actor, ref.dataNetId(), ref.version(), out);
            List<TrainingText> of = new ArrayList<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                try (var reader = Json.createReader(new StringReader(line))) {
                    JsonObject o = reader.readObject();
                    TrainingText t = TrainingText.of(
                            o.getString("recordId"), ref.recordType(), o.getJsonObject("fields"), objective);
                    if (t != null) of.add(t);
                }
            }
            of.sort(Comparator.comparing(TrainingText::recordId));
            texts.addAll(of);
        }
        return texts;
    }
}
