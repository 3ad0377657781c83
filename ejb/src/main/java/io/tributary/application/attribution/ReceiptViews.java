package io.tributary.application.attribution;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What pages and the API show of receipts; what a viewer may not see is null (the prompt) or left out. */
public final class ReceiptViews {

    private ReceiptViews() {}

    /** A line of the receipts list. */
    public record ReceiptSummary(
            UUID id,
            String modelName,
            int modelVersion,
            BigInteger charge,
            String currency,
            BigInteger paidToViewer,
            boolean callerView,
            Instant servedAt,
            boolean anchored) {}

    /**
     * A record that shaped the answer; the contributor is named as the viewer may see them (by e-mail only within
     * their own organization, by public name to everyone else). {@code dataNet} and {@code preview} are null when the
     * viewer's organization may not see the record's DataNet.
     */
    public record RecordView(
            int rank,
            UUID recordId,
            UUID creditedRecordId,
            UUID dataNetId,
            String dataNet,
            String preview,
            String contributor,
            boolean viewersRecord,
            double score,
            double weight) {}

    /**
     * A dispute of the receipt and, when upheld, its correction: a new ADJUSTMENT transfer paying the disputer (the
     * receipt itself never changes). {@code transferId} is shown to the calling organization and to the disputer.
     */
    public record CorrectionView(
            UUID disputeId,
            String kind,
            String status,
            String disputer,
            boolean viewersDispute,
            UUID recordId,
            Instant openedAt,
            Instant decidedAt,
            String decisionReason,
            BigInteger amount,
            UUID transferId) {}

    /** A leg of the split; others' members are named only for the caller's organization. */
    public record PayeeView(String role, String payee, boolean viewer, BigInteger amount) {}

    /** A run of the answer copied verbatim from training records. */
    public record SpanView(String text, int start, int length, List<String> recordIds) {}

    /** One receipt as the viewer may see it: in full for the calling organization, else without the prompt. */
    public record ReceiptView(
            UUID id,
            boolean callerView,
            UUID modelVersionId,
            String modelName,
            int modelVersion,
            String baseSha256,
            String adapterSha256,
            List<ReleaseRoot> releaseRoots,
            String prompt,
            boolean promptShared,
            String completion,
            String promptSha256,
            String outputSha256,
            int promptTokens,
            int completionTokens,
            String method,
            String methodVersion,
            List<RecordView> records,
            List<SpanView> spans,
            int contributorsBp,
            int validatorsBp,
            int ownerBp,
            int platformBp,
            BigInteger charge,
            String currency,
            UUID transferId,
            List<PayeeView> payees,
            List<CorrectionView> corrections,
            String contentSha256,
            String leaf,
            Instant servedAt,
            Instant attributedAt,
            UUID batchId,
            String merkleRoot,
            Long chainId,
            String registry,
            String anchorTransaction,
            Long anchoredBlock) {}

    /** A DataNet release the model was trained on, by its Merkle root; {@code dataNet} null when not visible. */
    public record ReleaseRoot(UUID dataNetId, String dataNet, int version, String merkleRoot) {}
}
