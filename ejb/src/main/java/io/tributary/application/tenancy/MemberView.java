package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.Member;
import io.tributary.persistence.tenancy.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member as the API and the pages show them to this caller: e-mail, invitation state, sign-in and join times only to
 * org admins, platform staff and the member themselves (null, so left out, for everyone else).
 */
public record MemberView(
        UUID id,
        String email,
        String displayName,
        String publicName,
        List<String> roles,
        Boolean invited,
        Instant lastSignIn,
        Instant createdAt) {

    public static MemberView of(MemberCard m) {
        return new MemberView(
                m.id(),
                m.email(),
                m.displayName(),
                m.publicName(),
                m.roles().stream().map(Role::key).toList(),
                m.invited(),
                m.lastSignIn(),
                null);
    }

    /** For callers already allowed to see everything (org admins managing members, a member themselves, staff). */
    static MemberView of(Member m) {
        return new MemberView(
                m.getId(),
                m.getEmail(),
                m.getDisplayName(),
                m.getPublicName(),
                m.getRoles().stream().map(Role::key).toList(),
                m.isInvited(),
                m.getLastSignIn(),
                m.getCreatedAt());
    }
}
