package io.tributary.persistence.rewards.custody;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The address a member is paid at; on the allowlist once its cooling-off period has passed. */
@Entity
@Table(name = "withdrawal_address")
public class WithdrawalAddress {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "member_id", nullable = false, updatable = false)
    private UUID memberId;

    @Column(nullable = false, updatable = false)
    private String address;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "usable_from", nullable = false, updatable = false)
    private Instant usableFrom;

    @Column(name = "removed_at")
    private Instant removedAt;

    protected WithdrawalAddress() {}

    public WithdrawalAddress(UUID tenantId, UUID memberId, String address, Instant usableFrom) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.memberId = memberId;
        this.address = address;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.usableFrom = usableFrom.truncatedTo(ChronoUnit.MICROS);
    }

    public void remove(Instant at) {
        this.removedAt = at;
    }

    public boolean isUsable(Instant at) {
        return removedAt == null && !usableFrom.isAfter(at);
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public UUID getMemberId() {
        return memberId;
    }

    public String getAddress() {
        return address;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUsableFrom() {
        return usableFrom;
    }

    public Instant getRemovedAt() {
        return removedAt;
    }
}
