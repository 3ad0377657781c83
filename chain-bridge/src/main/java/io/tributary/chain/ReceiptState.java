package io.tributary.chain;

import java.math.BigInteger;

/**
 * A transaction's state as seen now.
 *
 * @param inclusion where it is mined now, or null when it is not (pending, unknown, re-organised away)
 * @param confirmations blocks on top of and including its block; 0 when not mined
 * @param succeeded receipt status 1; false for a reverted transaction (which still consumed its nonce and gas)
 * @param gasUsed gas used, null when not mined
 * @param effectiveGasPrice wei per gas actually paid, null when not mined
 */
public record ReceiptState(
        Status status,
        String transactionHash,
        Inclusion inclusion,
        long confirmations,
        boolean succeeded,
        BigInteger gasUsed,
        BigInteger effectiveGasPrice) {

    /** Lifecycle of a broadcast transaction as the watcher reports it. */
    public enum Status {
        /** The node knows nothing about it (never arrived or dropped): re-send the stored bytes. */
        UNKNOWN,
        /** In the node's pool, not mined yet. */
        PENDING,
        /** Mined in a canonical block, fewer confirmations than required so far. */
        MINED,
        /** Mined, succeeded, and deep enough to book. */
        CONFIRMED,
        /** Mined, reverted, and deep enough: void what it would have done (the gas is still spent). */
        FAILED,
        /** The block it was seen in is no longer canonical and it is not mined anywhere else: re-send the bytes. */
        REORGED
    }

    /** Wei paid for gas (gas used times effective gas price), null when not mined. */
    public BigInteger gasCostWei() {
        return gasUsed == null || effectiveGasPrice == null ? null : gasUsed.multiply(effectiveGasPrice);
    }

    public boolean isFinal() {
        return status == Status.CONFIRMED || status == Status.FAILED;
    }
}
