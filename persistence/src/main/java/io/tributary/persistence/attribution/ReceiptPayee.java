package io.tributary.persistence.attribution;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.UUID;

/** One leg of a receipt's split: who was credited, in which role, how much (base units); no member for the platform. */
@Embeddable
public record ReceiptPayee(
        @Enumerated(EnumType.STRING) @Column(name = "role", nullable = false)
        PayeeRole role,

        @Column(name = "tenant_id") UUID tenantId,
        @Column(name = "member_id") UUID memberId,

        @Column(name = "amount", nullable = false, precision = 38)
        BigInteger amount)
        implements Serializable {}
