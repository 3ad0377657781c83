package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.Invitation;
import java.time.Instant;
import java.util.UUID;

/**
 * An invitation as shown (never its link: only the invited person gets that, by e-mail).
 *
 * @param state pending, accepted, revoked or expired
 */
public record InvitationView(
        UUID id, UUID memberId, String email, String state, String invitedBy, Instant createdAt, Instant expiresAt) {

    static InvitationView of(Invitation i) {
        return new InvitationView(
                i.getId(),
                i.getMemberId(),
                i.getEmail(),
                i.getState(),
                i.getInvitedBy(),
                i.getCreatedAt(),
                i.getExpiresAt());
    }

    /** Whether it was neither accepted nor revoked, so it can be sent again (with a fresh link) or revoked. */
    public boolean open() {
        return "pending".equals(state) || "expired".equals(state);
    }
}
