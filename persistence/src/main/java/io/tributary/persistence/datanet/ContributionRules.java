package io.tributary.persistence.datanet;

import java.util.List;

/**
 * What a DataNet accepts from contributors.
 *
 * @param allowedFormats {@code SourceFormat} names
 * @param dailyQuota records one contributor may add per UTC day
 * @param nearDuplicateThreshold estimated Jaccard similarity at or above which a record counts as a near duplicate
 */
public record ContributionRules(
        List<String> allowedFormats,
        long maxUploadBytes,
        int dailyQuota,
        BadLinePolicy badLinePolicy,
        PersonalDataPolicy personalDataPolicy,
        double nearDuplicateThreshold) {}
