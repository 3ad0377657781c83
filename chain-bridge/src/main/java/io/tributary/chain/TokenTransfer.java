package io.tributary.chain;

import java.math.BigInteger;

/** One ERC-20 Transfer event, located precisely enough to be credited once (transaction hash + log index). */
public record TokenTransfer(
        EvmAddress token,
        EvmAddress from,
        EvmAddress to,
        BigInteger amount,
        String transactionHash,
        int logIndex,
        long blockNumber,
        String blockHash) {}
