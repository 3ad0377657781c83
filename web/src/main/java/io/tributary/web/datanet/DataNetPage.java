package io.tributary.web.datanet;

import io.tributary.application.curation.ReleaseService;
import io.tributary.application.curation.ReleaseView;
import io.tributary.application.curation.ReviewService;
import io.tributary.application.datanet.ContributionService;
import io.tributary.application.datanet.ContributorStanding;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.datanet.DataNetView;
import io.tributary.application.datanet.FileStorage;
import io.tributary.application.datanet.UploadReport;
import io.tributary.application.datanet.checks.RecordType;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.datanet.ContributionStatus;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import io.tributary.web.shell.PagedTable;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/** One DataNet: its rules and figures, contributing to it, and its releases with their proofs. */
@Named
@ViewScoped
public class DataNetPage implements Serializable {

    @Inject
    transient DataNetService dataNets;

    @Inject
    transient ContributionService contributions;

    @Inject
    transient ReviewService reviews;

    @Inject
    transient ReleaseService releases;

    @Inject
    CurrentActor actor;

    private String id;
    private DataNetView dataNet;
    private boolean owner;
    private boolean validator;
    private String pasted;
    private Map<String, String> fields = new LinkedHashMap<>();
    private UploadReport report;
    private String proofRecordId;
    private int proofVersion = 1;

    /** Loads the DataNet named by the {@code id} parameter; 404 when the organization cannot see it. */
    public void load() throws IOException {
        dataNet = Feedback.load(id, dataNetId -> dataNets.view(actor.get(), dataNetId))
                .orElse(null);
        if (dataNet != null) {
            RecordType.valueOf(dataNet.recordType()).fields().forEach(f -> fields.putIfAbsent(f, ""));
            owner = dataNets.isOwner(actor.get(), dataNet.id());
            validator = reviews.mayValidate(actor.get(), dataNet.id());
        }
    }

    public void upload(FileUploadEvent event) throws IOException {
        var file = event.getFile();
        try (var in = file.getInputStream()) {
            report(Feedback.attempt(
                    () -> contributions.contribute(actor.get(), dataNet.id(), file.getFileName(), in), null));
        }
    }

    public void paste() {
        report(Feedback.attempt(() -> contributions.paste(actor.get(), dataNet.id(), pasted), null));
    }

    public void submit() {
        report(Feedback.attempt(() -> contributions.submit(actor.get(), dataNet.id(), fields), null));
    }

    private void report(java.util.Optional<UploadReport> outcome) {
        outcome.ifPresent(r -> {
            report = r;
            counts = null;
            pasted = null;
            fields.replaceAll((k, v) -> "");
            Feedback.attempt(
                    () -> null,
                    r.upload().recordsAdded() + " records received"
                            + (r.badLineCount() > 0 ? ", " + r.badLineCount() + " bad lines skipped" : "") + ".");
        });
    }

    public void publish() {
        Feedback.attempt(() -> releases.publishView(actor.get(), dataNet.id()), "Release published.")
                .ifPresent(r -> proofVersion = r.version());
    }

    /** The proof of one record in one release, as a JSON download. */
    public StreamedContent getProof() {
        var proof = Feedback.attempt(
                () -> releases.anchoredProof(
                        actor.get(), dataNet.id(), proofVersion, UUID.fromString(proofRecordId.strip())),
                null);
        if (proof.isEmpty()) {
            return null;
        }
        byte[] json = proof.get().toJson().getBytes(StandardCharsets.UTF_8);
        return DefaultStreamedContent.builder()
                .name("proof-" + proofRecordId.strip() + ".json")
                .contentType("application/json")
                .stream(() -> new ByteArrayInputStream(json))
                .build();
    }

    public String getAllowedFormats() {
        return String.join(", ", dataNet.rules().allowedFormats());
    }

    public String getUploadLimit() {
        return FileStorage.megabytes(dataNet.rules().maxUploadBytes());
    }

    public boolean isOwner() {
        return owner;
    }

    public boolean isValidator() {
        return validator;
    }

    private List<Map.Entry<ContributionStatus, Long>> counts;

    /** Records per status, every status listed (zeros too), in the order a record moves through them. */
    public List<Map.Entry<ContributionStatus, Long>> getCounts() {
        if (counts == null) {
            counts = List.copyOf(contributions.counts(actor.get(), dataNet.id()).entrySet());
        }
        return counts;
    }

    public List<ReviewService.ValidatorStanding> getValidators() {
        return reviews.standings(actor.get(), dataNet.id());
    }

    private final PagedTable<ContributorStanding> leaderboard = new PagedTable<>() {
        @Override
        protected Page<ContributorStanding> page(ListQuery query) {
            return contributions.leaderboard(actor.get(), dataNet.id(), query);
        }

        @Override
        protected Columns columns() {
            return ContributionService.LEADERBOARD;
        }

        @Override
        protected Object key(ContributorStanding row) {
            return row.contributor();
        }
    };

    public PagedTable<ContributorStanding> getLeaderboard() {
        return leaderboard;
    }

    private final PagedTable<ReleaseView> releaseTable = new PagedTable<>() {
        @Override
        protected Page<ReleaseView> page(ListQuery query) {
            return releases.views(actor.get(), dataNet.id(), query);
        }

        @Override
        protected Columns columns() {
            return ReleaseService.COLUMNS;
        }

        @Override
        protected Object key(ReleaseView row) {
            return row.id();
        }
    };

    public PagedTable<ReleaseView> getReleases() {
        return releaseTable;
    }

    public List<String> getFieldNames() {
        return List.copyOf(fields.keySet());
    }

    public DataNetView getDataNet() {
        return dataNet;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getPasted() {
        return pasted;
    }

    public void setPasted(String pasted) {
        this.pasted = pasted;
    }

    public Map<String, String> getFields() {
        return fields;
    }

    public UploadReport getReport() {
        return report;
    }

    public String getProofRecordId() {
        return proofRecordId;
    }

    public void setProofRecordId(String proofRecordId) {
        this.proofRecordId = proofRecordId;
    }

    public int getProofVersion() {
        return proofVersion;
    }

    public void setProofVersion(int proofVersion) {
        this.proofVersion = proofVersion;
    }
}
