package io.tributary.persistence.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A person in a tenant, with the roles Tributary grants them there. Invited members exist before their first sign-in;
 * accepting the invitation or the first sign-in with a verified e-mail binds them to their identity (the OIDC subject),
 * and from then on only that identity signs in as them. A removed member stays as a tombstone (no roles, no sign-in) so
 * that earnings, reviews and the audit trail keep their owner.
 */
@Entity
@Table(name = "member")
public class Member {

    private static final SecureRandom PSEUDONYMS = new SecureRandom();

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false)
    private String email;

    @Column(name = "display_name")
    private String displayName;

    /** How the member appears outside their organization: chosen by them, a random pseudonym until then. */
    @Column(name = "public_name", nullable = false)
    private String publicName;

    /** The identity provider's subject; empty until the member first signs in. */
    private String subject;

    @Convert(converter = RoleSet.class)
    @Column(nullable = false)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_sign_in")
    private Instant lastSignIn;

    /** ACTIVE or REMOVED. */
    @Column(nullable = false)
    private String status = ACTIVE;

    @Column(name = "removed_at")
    private Instant removedAt;

    @Version
    private long version;

    private static final String ACTIVE = "ACTIVE";
    private static final String REMOVED = "REMOVED";

    protected Member() {}

    public Member(String email, String displayName, Set<Role> roles) {
        this.id = UUID.randomUUID();
        this.email = email;
        this.displayName = displayName;
        this.roles = EnumSet.copyOf(roles);
        this.createdAt = Instant.now();
        this.publicName = pseudonym();
    }

    /** A fresh pseudonym such as "Contributor 7F3A1C": random, so it tells nothing about the person. */
    public static String pseudonym() {
        return String.format("Contributor %06X", PSEUDONYMS.nextInt(1 << 24));
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getEmail() {
        return email;
    }

    public String getDisplayName() {
        return displayName == null ? email : displayName;
    }

    public String getPublicName() {
        return publicName;
    }

    /** The member's own choice of public name (already checked by the caller). */
    public void choosePublicName(String publicName) {
        this.publicName = publicName;
    }

    public String getSubject() {
        return subject;
    }

    public Set<Role> getRoles() {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public void changeRoles(Set<Role> roles) {
        this.roles = EnumSet.copyOf(roles);
    }

    public boolean isInvited() {
        return subject == null;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastSignIn() {
        return lastSignIn;
    }

    /**
     * Whether a sign-in would change this member: a new subject or name, or a last sign-in older than {@code
     * granularity}. Requests that change nothing write nothing.
     */
    public boolean signInChanges(String subject, String displayName, Instant at, Duration granularity) {
        return !java.util.Objects.equals(this.subject, subject)
                || (displayName != null && !displayName.isBlank() && !displayName.equals(this.displayName))
                || lastSignIn == null
                || lastSignIn.isBefore(at.minus(granularity));
    }

    public boolean isRemoved() {
        return REMOVED.equals(status);
    }

    public Instant getRemovedAt() {
        return removedAt;
    }

    /** Binds the member to the identity that proved it holds the address; a bound member keeps its identity. */
    public void bind(String subject) {
        if (this.subject != null && !this.subject.equals(subject)) {
            throw new IllegalStateException("Member " + id + " is bound to another identity");
        }
        this.subject = subject;
    }

    /** Ends the membership but keeps the row (and the e-mail, for the audit trail) as a tombstone without roles. */
    public void remove(Instant at) {
        this.status = REMOVED;
        this.removedAt = at;
        this.roles = EnumSet.noneOf(Role.class);
    }

    /** A removed member invited again: a fresh membership, bound anew by whoever accepts. */
    public void reinvite(String displayName, Set<Role> roles) {
        this.status = ACTIVE;
        this.removedAt = null;
        this.subject = null;
        this.roles = EnumSet.copyOf(roles);
        if (displayName != null) {
            this.displayName = displayName;
        }
    }
}
