package io.tributary.chain;

import java.math.BigInteger;

/** A BatchPaid event of the PayoutBatcher: one payout batch as the chain saw it, for reconciliation with batch rows. */
public record PaidBatch(
        Bytes32 batchId,
        EvmAddress payer,
        EvmAddress token,
        int count,
        BigInteger total,
        String transactionHash,
        long blockNumber,
        String blockHash) {}
