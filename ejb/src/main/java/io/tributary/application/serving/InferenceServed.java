package io.tributary.application.serving;

import io.tributary.application.events.DomainEvent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A published model answered a request and its price was charged: attribution scores the answer against the model's
 * training records and splits the charge. Published through the outbox in the transaction that writes the usage record
 * and the charge, so a charge is never split twice nor lost.
 *
 * @param tenantId the calling organization (the one charged)
 * @param receiptId the usage record's id, which becomes the attribution receipt's id (idempotency key of the split)
 * @param modelVersionId the factory's published model version that answered
 * @param ownerTenantId the organization that owns the model version
 * @param prompt the prompt exactly as the model read it (after the chat template)
 * @param completion the generated text of the first choice
 * @param promptTokens prompt tokens, as billed
 * @param completionTokens completion tokens of all choices, as billed
 * @param charge what the caller paid, in the token's smallest unit (0 for a free model)
 * @param currency the ledger currency of the charge (TRIB)
 * @param holdingAccountId the owner's INFERENCE_HOLDING ledger account the charge sits in until it is split
 * @param sharePrompt whether the caller lets contributors see the prompt in the receipts that paid them
 * @param retrievedRecordIds the records retrieved into the prompt's context block, in their order there (empty for a
 *     version without retrieval); attribution ablates exactly these
 */
public record InferenceServed(
        UUID tenantId,
        UUID receiptId,
        UUID modelVersionId,
        UUID ownerTenantId,
        String prompt,
        String completion,
        int promptTokens,
        int completionTokens,
        BigInteger charge,
        String currency,
        UUID holdingAccountId,
        boolean sharePrompt,
        Instant servedAt,
        List<UUID> retrievedRecordIds)
        implements DomainEvent {

    // One constructor only: the outbox rebuilds events with JSON-B, which refuses a record with several.
    public InferenceServed {
        retrievedRecordIds = retrievedRecordIds == null ? List.of() : List.copyOf(retrievedRecordIds);
    }

    @Override
    public String subject() {
        return "inference:" + receiptId;
    }
}
