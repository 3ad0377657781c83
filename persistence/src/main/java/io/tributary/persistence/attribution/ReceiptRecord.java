package io.tributary.persistence.attribution;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.UUID;

/**
 * One training record that shaped an answer: its score under the receipt's method and the weight it earned (0 under
 * the noise band); a near duplicate credits the kept record and its contributor instead of its own.
 */
@Embeddable
public record ReceiptRecord(
        @Column(name = "record_id", nullable = false) UUID recordId,

        @Column(name = "credited_record_id", nullable = false)
        UUID creditedRecordId,

        @Column(name = "data_net_id", nullable = false) UUID dataNetId,

        @Column(name = "contributor_tenant_id", nullable = false)
        UUID contributorTenantId,

        @Column(name = "contributor_member_id", nullable = false)
        UUID contributorMemberId,

        @Column(name = "score", nullable = false) double score,
        @Column(name = "weight", nullable = false) double weight)
        implements Serializable {}
