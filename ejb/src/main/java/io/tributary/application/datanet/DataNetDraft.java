package io.tributary.application.datanet;

import java.util.List;

/**
 * What a person fills in to create a DataNet; every field is checked by {@link DataNetService#create}.
 *
 * @param recordType one of the {@code RecordType} names
 * @param visibility private or public
 * @param allowedFormats {@code SourceFormat} names
 * @param badLinePolicy keep-valid or reject-file
 * @param personalDataPolicy flag or block
 * @param validatorPool owner-organization or any-organization
 */
public record DataNetDraft(
        String name,
        String domain,
        String description,
        List<String> tags,
        String recordType,
        String licence,
        String visibility,
        List<String> allowedFormats,
        Long maxUploadBytes,
        Integer dailyQuota,
        String badLinePolicy,
        String personalDataPolicy,
        Double nearDuplicateThreshold,
        Integer approvalsRequired,
        Integer reviewersPerRecord,
        String validatorPool) {

    /** A draft with nothing filled in, for requests that arrive without a body. */
    public static final DataNetDraft EMPTY = new DataNetDraft(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
}
