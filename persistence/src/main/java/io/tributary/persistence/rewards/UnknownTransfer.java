package io.tributary.persistence.rewards;

import java.util.UUID;

/** Posting or voiding a transfer the ledger does not have. */
public class UnknownTransfer extends LedgerException {

    public UnknownTransfer(UUID transferId) {
        super("Ledger transfer " + transferId + " does not exist.");
    }
}
