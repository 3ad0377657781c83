package io.tributary.persistence.datanet;

/**
 * How validators decide a record: accepted at k approvals, rejected at n - k + 1 rejections; a decision reached
 * against dissent escalates to the DataNet's owner.
 *
 * @param approvalsRequired k
 * @param reviewersPerRecord n
 */
public record ReviewPolicy(int approvalsRequired, int reviewersPerRecord, ValidatorPool pool) {

    public int rejectionsRequired() {
        return reviewersPerRecord - approvalsRequired + 1;
    }

    /**
     * The state a record is in after this tally: accepted at k approvals, rejected at n - k + 1 rejections, escalated
     * when either threshold is reached while the other side has votes too, in review otherwise.
     */
    public ContributionStatus decide(int approvals, int rejections) {
        if (approvals >= approvalsRequired) {
            return rejections > 0 ? ContributionStatus.ESCALATED : ContributionStatus.ACCEPTED;
        }
        if (rejections >= rejectionsRequired()) {
            return approvals > 0 ? ContributionStatus.ESCALATED : ContributionStatus.REJECTED;
        }
        return ContributionStatus.IN_REVIEW;
    }
}
