package io.tributary.web.security;

import io.tributary.application.Actor;
import java.io.Serializable;
import java.util.UUID;

/**
 * What the HTTP session remembers after sign-in: enough to re-read the member's current roles on each request.
 *
 * @param platformAdmin whether the identity provider grants platform-admin
 */
record SignedInMember(UUID tenantId, UUID memberId, String email, boolean platformAdmin) implements Serializable {

    static final String ATTRIBUTE = SignedInMember.class.getName();

    static SignedInMember of(Actor actor, boolean platformAdmin) {
        return new SignedInMember(actor.tenantId(), actor.memberId(), actor.name(), platformAdmin);
    }
}
