package io.tributary.web.datanet;

import io.tributary.application.Actor;
import io.tributary.application.datanet.UploadReport;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionRules;
import io.tributary.persistence.datanet.DataNet;
import io.tributary.persistence.datanet.ReviewPolicy;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** How the API shows DataNets, uploads and contributions. */
public final class DataNetViews {

    private DataNetViews() {}

    /** A DataNet with its rules and review policy. */
    public record DataNetView(
            UUID id,
            String name,
            String domain,
            String description,
            List<String> tags,
            String recordType,
            String licence,
            String visibility,
            ContributionRules rules,
            ReviewPolicy reviewPolicy,
            Instant createdAt) {
        public static DataNetView of(DataNet d) {
            return new DataNetView(
                    d.getId(),
                    d.getName(),
                    d.getDomain(),
                    d.getDescription(),
                    d.getTags(),
                    d.getRecordType(),
                    d.getLicence(),
                    d.getVisibility().name(),
                    d.rules(),
                    d.reviewPolicy(),
                    d.getCreatedAt());
        }
    }

    /** What became of an upload. */
    public record UploadView(
            UUID uploadId,
            String fileName,
            String sha256,
            long sizeBytes,
            Map<String, Integer> records,
            int badLineCount,
            List<String> badLines,
            boolean keptValidLines) {
        public static UploadView of(UploadReport r) {
            return new UploadView(
                    r.upload().getId(),
                    r.upload().getFileName(),
                    r.upload().getSha256(),
                    r.upload().getSizeBytes(),
                    r.records().entrySet().stream()
                            .collect(java.util.stream.Collectors.toMap(
                                    e -> e.getKey().name(), Map.Entry::getValue)),
                    r.badLineCount(),
                    r.badLines().stream().map(Object::toString).toList(),
                    r.keptValidLines());
        }
    }

    /** A contribution with its checks and review state. */
    public record ContributionView(
            UUID id,
            UUID dataNetId,
            UUID uploadId,
            String contributor,
            int position,
            JsonObject fields,
            String contentSha256,
            double qualityScore,
            JsonArray checks,
            UUID similarTo,
            Double similarity,
            String status,
            int approvals,
            int rejections,
            String decisionReason,
            Instant createdAt) {
        /** The records with their contributors named as the viewer may see them (see {@link MemberNames}). */
        public static List<ContributionView> of(List<Contribution> records, MemberNames names, Actor viewer) {
            MemberNames.Names named = names.forViewer(
                    viewer,
                    records.stream().map(c -> c.getContributor().memberId()).toList());
            return records.stream().map(c -> of(c, named)).toList();
        }

        public static ContributionView of(Contribution c, MemberNames.Names names) {
            return new ContributionView(
                    c.getId(),
                    c.getDataNetId(),
                    c.getUploadId(),
                    names.of(c.getContributor().memberId()),
                    c.getPosition(),
                    json(c.getFields()).asJsonObject(),
                    c.getContentHash(),
                    c.getQualityScore(),
                    json(c.getChecks()).asJsonArray(),
                    c.getSimilarTo(),
                    c.getSimilarity(),
                    c.getStatus().name(),
                    c.getApprovals(),
                    c.getRejections(),
                    c.getDecisionReason(),
                    c.getCreatedAt());
        }
    }

    static jakarta.json.JsonValue json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
