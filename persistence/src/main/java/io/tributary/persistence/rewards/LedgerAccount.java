package io.tributary.persistence.rewards;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One balance in one currency, owned by a member of a tenant, by a tenant, or (no tenant) by the platform.
 *
 * <p>The balances are a cache of the account's legs, kept in step inside the transaction that writes each transfer,
 * so a balance check needs one locked row, not a sum over history. Pending debits reserve funds; pending credits are
 * not spendable until posted. The tenant is an explicit column, not Hibernate's tenant filter, because one transfer
 * touches accounts of several tenants.
 */
@Entity
@Table(name = "ledger_account")
public class LedgerAccount {

    @Id
    private UUID id;

    /** Empty for the platform's own accounts (fees, the outside world). */
    @Column(name = "tenant_id", updatable = false)
    private UUID tenantId;

    @Column(name = "member_id", updatable = false)
    private UUID memberId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private AccountKind kind;

    @Column(nullable = false, updatable = false)
    private String currency;

    @Column(name = "allow_negative", nullable = false, updatable = false)
    private boolean allowNegative;

    @Column(name = "posted_balance", nullable = false, precision = 38)
    private BigInteger postedBalance = BigInteger.ZERO;

    /** The sum of pending debits, as a positive number. */
    @Column(name = "pending_debits", nullable = false, precision = 38)
    private BigInteger pendingDebits = BigInteger.ZERO;

    /** The sum of pending credits. */
    @Column(name = "pending_credits", nullable = false, precision = 38)
    private BigInteger pendingCredits = BigInteger.ZERO;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected LedgerAccount() {}

    public LedgerAccount(UUID tenantId, UUID memberId, AccountKind kind, String currency) {
        if (memberId != null && tenantId == null) {
            throw new IllegalArgumentException("A member's account belongs to the member's tenant; give the tenant.");
        }
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.memberId = memberId;
        this.kind = kind;
        this.currency = currency;
        this.allowNegative = kind.allowsNegative();
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
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

    public AccountKind getKind() {
        return kind;
    }

    public String getCurrency() {
        return currency;
    }

    public boolean isAllowNegative() {
        return allowNegative;
    }

    public BigInteger getPostedBalance() {
        return postedBalance;
    }

    public BigInteger getPendingDebits() {
        return pendingDebits;
    }

    public BigInteger getPendingCredits() {
        return pendingCredits;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    long getVersion() {
        return version;
    }

    /** What can still be debited: the posted balance less what pending transfers have reserved. */
    public BigInteger available() {
        return postedBalance.subtract(pendingDebits);
    }

    public Balance balance() {
        return new Balance(id, currency, postedBalance, pendingDebits, pendingCredits);
    }

    /** Whether a leg of this signed amount fits: credits always do, debits only within what is available. */
    boolean canTake(BigInteger amount) {
        return allowNegative || amount.signum() >= 0 || available().add(amount).signum() >= 0;
    }

    /** A leg of a pending transfer: debits reserve funds, credits wait. */
    void reserve(BigInteger amount) {
        if (amount.signum() < 0) {
            pendingDebits = pendingDebits.add(amount.negate());
        } else {
            pendingCredits = pendingCredits.add(amount);
        }
    }

    /** A pending leg becomes posted. */
    void settle(BigInteger amount) {
        release(amount);
        postedBalance = postedBalance.add(amount);
    }

    /** A pending leg is voided: its reservation goes away. */
    void release(BigInteger amount) {
        if (amount.signum() < 0) {
            pendingDebits = pendingDebits.add(amount);
        } else {
            pendingCredits = pendingCredits.subtract(amount);
        }
    }

    /** A leg of a transfer posted at once. */
    void post(BigInteger amount) {
        postedBalance = postedBalance.add(amount);
    }

    /** For messages a person reads: which account this is, not just its id. */
    String describe() {
        StringBuilder text =
                new StringBuilder("account ").append(id).append(" (").append(kind);
        if (memberId != null) {
            text.append(" of member ").append(memberId);
        }
        text.append(tenantId == null ? " of the platform" : " in tenant " + tenantId);
        return text.append(')').toString();
    }
}
