package io.tributary.persistence.rewards.custody;

/** What a {@link WalletChange} changes: the withdrawal policy, or the treasury by a grant to a member. */
public enum WalletChangeKind {
    POLICY,
    GRANT
}
