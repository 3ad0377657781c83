package io.tributary.persistence.rewards;

import java.util.UUID;

/** A leg or query naming an account the ledger does not have. */
public class UnknownAccount extends LedgerException {

    public UnknownAccount(UUID accountId) {
        super("Ledger account " + accountId + " does not exist; open it first.");
    }
}
