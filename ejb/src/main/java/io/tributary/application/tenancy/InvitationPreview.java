package io.tributary.application.tenancy;

/**
 * What the accept page shows before the invited person accepts.
 *
 * @param needsPassword no account exists for the address yet: the person chooses a password
 * @param viaSso the address is in the organization's verified SSO domain: they sign in with their company account
 */
public record InvitationPreview(String organization, String email, boolean needsPassword, boolean viaSso) {}
