package io.tributary.persistence.rewards;

import java.util.UUID;

/** Posting a voided transfer, or voiding a posted one: settlement happens once, corrections are new transfers. */
public class TransferAlreadySettled extends LedgerException {

    public TransferAlreadySettled(UUID transferId, TransferStatus status, String attempted) {
        super("Transfer " + transferId + " is already " + status + " and cannot be " + attempted
                + (status == TransferStatus.POSTED ? "; post a reversing transfer to undo it." : "."));
    }
}
