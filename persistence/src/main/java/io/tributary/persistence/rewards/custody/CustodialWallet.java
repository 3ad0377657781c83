package io.tributary.persistence.rewards.custody;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A tenant's treasury wallet on chain: its address, its key in sealed form only, the nonce its next transaction
 * signs with, and the organization's withdrawal policy.
 */
@Entity
@Table(name = "custodial_wallet")
public class CustodialWallet {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false, updatable = false)
    private String address;

    @Column(nullable = false)
    private String algorithm;

    @Column(name = "master_key_id", nullable = false)
    private String masterKeyId;

    @Column(name = "data_key_nonce", nullable = false)
    private byte[] dataKeyNonce;

    @Column(name = "wrapped_data_key", nullable = false)
    private byte[] wrappedDataKey;

    @Column(name = "private_key_nonce", nullable = false)
    private byte[] privateKeyNonce;

    @Column(name = "encrypted_private_key", nullable = false)
    private byte[] encryptedPrivateKey;

    @Column(name = "next_nonce")
    private Long nextNonce;

    @Column(name = "daily_limit", nullable = false, precision = 38)
    private BigInteger dailyLimit;

    @Column(name = "approval_threshold", nullable = false, precision = 38)
    private BigInteger approvalThreshold;

    @Column(name = "payout_minimum", nullable = false, precision = 38)
    private BigInteger payoutMinimum;

    @Column(name = "cooling_off_hours", nullable = false)
    private int coolingOffHours;

    @Column(name = "scheduled_payouts", nullable = false)
    private boolean scheduledPayouts;

    @Column(name = "deposits_scanned_to", nullable = false)
    private long depositsScannedTo;

    // sender_node and sender_lease_until are not mapped: only WalletRepository#lease reads and writes them.

    /** The last block whose BatchPaid events reconciliation has compared; null before the first comparison. */
    @Column(name = "events_scanned_to")
    private Long eventsScannedTo;

    @Column(name = "frozen_at")
    private Instant frozenAt;

    @Column(name = "frozen_reason")
    private String frozenReason;

    @Column(name = "reconciled_at")
    private Instant reconciledAt;

    @Column(name = "reconciled_block")
    private Long reconciledBlock;

    @Column(name = "reconciled_ok")
    private Boolean reconciledOk;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected CustodialWallet() {}

    /** A new wallet with the sealed key's parts and the platform's default policy. */
    public CustodialWallet(
            UUID id,
            UUID tenantId,
            String address,
            String algorithm,
            String masterKeyId,
            byte[] dataKeyNonce,
            byte[] wrappedDataKey,
            byte[] privateKeyNonce,
            byte[] encryptedPrivateKey,
            WithdrawalPolicy policy,
            long depositsScannedTo) {
        this.id = id;
        this.tenantId = tenantId;
        this.address = address;
        this.algorithm = algorithm;
        this.masterKeyId = masterKeyId;
        this.dataKeyNonce = dataKeyNonce.clone();
        this.wrappedDataKey = wrappedDataKey.clone();
        this.privateKeyNonce = privateKeyNonce.clone();
        this.encryptedPrivateKey = encryptedPrivateKey.clone();
        this.depositsScannedTo = depositsScannedTo;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(policy);
    }

    public void apply(WithdrawalPolicy policy) {
        this.dailyLimit = policy.dailyLimit();
        this.approvalThreshold = policy.approvalThreshold();
        this.payoutMinimum = policy.payoutMinimum();
        this.coolingOffHours = policy.coolingOffHours();
        this.scheduledPayouts = policy.scheduledPayouts();
    }

    public WithdrawalPolicy policy() {
        return new WithdrawalPolicy(dailyLimit, approvalThreshold, payoutMinimum, coolingOffHours, scheduledPayouts);
    }

    /** Replaces the sealed data key after a master-key rotation; the private key's ciphertext stays. */
    public void rewrapped(String masterKeyId, byte[] dataKeyNonce, byte[] wrappedDataKey) {
        this.masterKeyId = masterKeyId;
        this.dataKeyNonce = dataKeyNonce.clone();
        this.wrappedDataKey = wrappedDataKey.clone();
    }

    /** Hands out the nonce for the next signed transaction. */
    public long takeNonce(long chainCountIfUnknown) {
        long nonce = nextNonce == null ? chainCountIfUnknown : nextNonce;
        nextNonce = nonce + 1;
        return nonce;
    }

    public void depositsScannedTo(long block) {
        this.depositsScannedTo = block;
    }

    public void freeze(String reason, Instant at) {
        if (frozenAt == null) {
            this.frozenAt = at;
            this.frozenReason = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        }
    }

    public void unfreeze() {
        this.frozenAt = null;
        this.frozenReason = null;
    }

    public void reconciled(Instant at, long block, boolean ok) {
        this.reconciledAt = at;
        this.reconciledBlock = block;
        this.reconciledOk = ok;
    }

    public void eventsScannedTo(long block) {
        this.eventsScannedTo = block;
    }

    public Long getEventsScannedTo() {
        return eventsScannedTo;
    }

    public boolean isFrozen() {
        return frozenAt != null;
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getAddress() {
        return address;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public String getMasterKeyId() {
        return masterKeyId;
    }

    public byte[] getDataKeyNonce() {
        return dataKeyNonce.clone();
    }

    public byte[] getWrappedDataKey() {
        return wrappedDataKey.clone();
    }

    public byte[] getPrivateKeyNonce() {
        return privateKeyNonce.clone();
    }

    public byte[] getEncryptedPrivateKey() {
        return encryptedPrivateKey.clone();
    }

    public Long getNextNonce() {
        return nextNonce;
    }

    public long getDepositsScannedTo() {
        return depositsScannedTo;
    }

    public Instant getFrozenAt() {
        return frozenAt;
    }

    public String getFrozenReason() {
        return frozenReason;
    }

    public Instant getReconciledAt() {
        return reconciledAt;
    }

    public Long getReconciledBlock() {
        return reconciledBlock;
    }

    public Boolean getReconciledOk() {
        return reconciledOk;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
