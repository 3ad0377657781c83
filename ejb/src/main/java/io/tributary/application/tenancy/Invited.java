package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.Invitation;
import io.tributary.persistence.tenancy.Member;

/** The outcome of inviting someone: the (not yet bound) member and the invitation e-mailed to them. */
public record Invited(Member member, Invitation invitation) {}
