package io.tributary.application.tenancy;

/** The outcome of inviting someone: the (not yet bound) member and the invitation e-mailed to them. */
public record Invited(MemberView member, InvitationView invitation) {}
