package io.tributary.persistence.rewards.custody;

/** Where a {@link WalletChange} stands; APPLIED, REJECTED, SUPERSEDED and FAILED are final. */
public enum WalletChangeStatus {
    AWAITING_APPROVAL,
    COOLING_OFF,
    APPLIED,
    REJECTED,
    SUPERSEDED,
    FAILED;

    public boolean isOpen() {
        return this == AWAITING_APPROVAL || this == COOLING_OFF;
    }
}
