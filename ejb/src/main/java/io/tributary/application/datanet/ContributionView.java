package io.tributary.application.datanet;

import io.tributary.persistence.datanet.CheckResult;
import io.tributary.persistence.datanet.ContributionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A contribution as pages and the API show it: its fields, the automatic checks' typed results and its review state,
 * with the contributor named as the viewer may see them (e-mails of the viewer's own organization only).
 */
public record ContributionView(
        UUID id,
        UUID dataNetId,
        UUID uploadId,
        String contributor,
        int position,
        Map<String, String> fields,
        String contentSha256,
        double qualityScore,
        List<CheckResult> checks,
        UUID similarTo,
        Double similarity,
        ContributionStatus status,
        int approvals,
        int rejections,
        String decisionReason,
        Instant createdAt,
        Instant decidedAt) {

    /** The fields as entries, in their order, for pages that list them. */
    public List<Map.Entry<String, String>> fieldList() {
        return List.copyOf(fields.entrySet());
    }

    /**
     * The fields cut to {@value #PREVIEW_CHARACTERS} characters each, for tables: a row stays readable, and a page of
     * long records stays small.
     */
    public List<Map.Entry<String, String>> fieldPreview() {
        return fields.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), preview(e.getValue())))
                .toList();
    }

    static final int PREVIEW_CHARACTERS = 300;

    private static String preview(String value) {
        if (value == null || value.length() <= PREVIEW_CHARACTERS) {
            return value == null ? "" : value;
        }
        int end = PREVIEW_CHARACTERS;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }
}
