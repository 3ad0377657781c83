package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.Member;
import io.tributary.persistence.tenancy.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A member as a colleague may see them. Org admins (who invite, change roles and remove) and the member themselves see
 * everything; other members see the public name and the roles only: no e-mail, no sign-in activity.
 *
 * @param email null unless the viewer may see it
 * @param invited null unless the viewer may see it
 * @param lastSignIn null unless the viewer may see it
 */
public record MemberCard(
        UUID id,
        String email,
        String displayName,
        String publicName,
        Set<Role> roles,
        Boolean invited,
        Instant lastSignIn) {

    static MemberCard full(Member m) {
        return new MemberCard(
                m.getId(),
                m.getEmail(),
                m.getDisplayName(),
                m.getPublicName(),
                m.getRoles(),
                m.isInvited(),
                m.getLastSignIn());
    }

    static MemberCard restricted(Member m) {
        return new MemberCard(m.getId(), null, m.getPublicName(), m.getPublicName(), m.getRoles(), null, null);
    }
}
