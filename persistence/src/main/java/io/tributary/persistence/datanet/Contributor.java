package io.tributary.persistence.datanet;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.UUID;

/**
 * Who contributed: the member, their organization (which may differ from the DataNet's owner for public DataNets) and
 * the e-mail shown to validators.
 */
@Embeddable
public record Contributor(
        @Column(name = "contributor_tenant_id", nullable = false, updatable = false)
        UUID tenantId,

        @Column(name = "contributor_member_id", nullable = false, updatable = false)
        UUID memberId,

        @Column(name = "contributor_email", nullable = false, updatable = false)
        String email)
        implements Serializable {}
