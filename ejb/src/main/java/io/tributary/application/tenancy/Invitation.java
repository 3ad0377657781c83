package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.Member;
import java.util.Optional;

/**
 * The outcome of inviting someone: the member, and a temporary password to hand over when Keycloak had no account for
 * them (shown once; people arriving through their company's SSO need none).
 */
public record Invitation(Member member, Optional<String> temporaryPassword) {

    /** Never the password: records end up in logs and exception messages. */
    @Override
    public String toString() {
        return "Invitation[member=" + (member == null ? null : member.getId()) + ", temporaryPassword="
                + (temporaryPassword == null || temporaryPassword.isEmpty() ? "none" : "(hidden)") + "]";
    }
}
