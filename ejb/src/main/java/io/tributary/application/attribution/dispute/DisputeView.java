package io.tributary.application.attribution.dispute;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A dispute as the disputer and the DataNet's validators see it, with the evidence for the decision: the receipt's
 * credited records (scores, weights) and verbatim spans, and the records in question. Never the prompt or the answer:
 * they are the calling organization's.
 *
 * @param correctionTransferId the ADJUSTMENT transfer that paid an upheld dispute
 * @param reviewer whether the viewer may decide it
 */
public record DisputeView(
        UUID id,
        UUID receiptId,
        String kind,
        String status,
        String disputer,
        UUID dataNetId,
        UUID recordId,
        UUID copiedByRecordId,
        String statement,
        Instant openedAt,
        String decidedBy,
        String decisionReason,
        Instant decidedAt,
        BigInteger correctionAmount,
        UUID correctionTransferId,
        boolean reviewer,
        Evidence evidence) {

    /** What a validator weighs; null in lists. */
    public record Evidence(
            String modelName,
            int modelVersion,
            String method,
            BigInteger contributorsShare,
            BigInteger maxCorrection,
            List<CreditedRecord> credited,
            List<Span> spans,
            Map<String, String> disputedRecord,
            Map<String, String> copyingRecord,
            Double copySimilarity) {}

    /** One record the receipt credits, best first; {@code disputed} marks the disputer's or the copying record. */
    public record CreditedRecord(
            int rank,
            UUID recordId,
            UUID creditedRecordId,
            String contributor,
            double score,
            double weight,
            boolean disputed) {}

    /** A verbatim span of the answer found in training records. */
    public record Span(String text, List<String> recordIds) {}
}
