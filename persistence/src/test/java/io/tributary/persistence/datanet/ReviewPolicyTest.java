package io.tributary.persistence.datanet;

import static io.tributary.persistence.datanet.ContributionStatus.ACCEPTED;
import static io.tributary.persistence.datanet.ContributionStatus.ESCALATED;
import static io.tributary.persistence.datanet.ContributionStatus.IN_REVIEW;
import static io.tributary.persistence.datanet.ContributionStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The quorum rule: k approvals accept, n - k + 1 rejections reject, split decisions escalate. */
class ReviewPolicyTest {

    private final ReviewPolicy twoOfThree = new ReviewPolicy(2, 3, ValidatorPool.OWNER_ORGANIZATION);

    @Test
    void kApprovalsAccept() {
        assertThat(twoOfThree.decide(1, 0)).isEqualTo(IN_REVIEW);
        assertThat(twoOfThree.decide(2, 0)).isEqualTo(ACCEPTED);
    }

    @Test
    void nMinusKPlusOneRejectionsReject() {
        assertThat(twoOfThree.rejectionsRequired()).isEqualTo(2);
        assertThat(twoOfThree.decide(0, 1)).isEqualTo(IN_REVIEW);
        assertThat(twoOfThree.decide(0, 2)).isEqualTo(REJECTED);
    }

    @Test
    void aThresholdReachedAgainstDissentEscalates() {
        assertThat(twoOfThree.decide(1, 1)).isEqualTo(IN_REVIEW);
        assertThat(twoOfThree.decide(2, 1)).isEqualTo(ESCALATED);
        assertThat(twoOfThree.decide(1, 2)).isEqualTo(ESCALATED);
    }

    @Test
    void unanimityPolicyRejectsOnTheFirstNo() {
        ReviewPolicy unanimous = new ReviewPolicy(3, 3, ValidatorPool.OWNER_ORGANIZATION);
        assertThat(unanimous.rejectionsRequired()).isEqualTo(1);
        assertThat(unanimous.decide(0, 1)).isEqualTo(REJECTED);
        assertThat(unanimous.decide(2, 1)).isEqualTo(ESCALATED);
        assertThat(unanimous.decide(3, 0)).isEqualTo(ACCEPTED);
    }
}
