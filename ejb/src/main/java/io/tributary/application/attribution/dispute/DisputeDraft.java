package io.tributary.application.attribution.dispute;

import java.util.UUID;

/**
 * What a contributor claims about a receipt.
 *
 * @param receiptId the receipt disputed
 * @param kind {@code NOT_CREDITED} ("my record should have been credited") or {@code COPIED} ("this credited record
 *     copies mine")
 * @param recordId the contributor's own record
 * @param copiedByRecordId for {@code COPIED}: the record the receipt credits that copies theirs
 * @param statement why, in the contributor's words
 */
public record DisputeDraft(UUID receiptId, String kind, UUID recordId, UUID copiedByRecordId, String statement) {}
