package io.tributary.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What a transaction does, before it has a nonce, fees and a signature.
 *
 * @param to the contract called, or null to deploy {@code data} as a new contract
 * @param data ABI-encoded call data (or creation code), 0x-prefixed hex
 * @param value wei sent along
 * @param gasLimit the most gas the transaction may use; fixed before signing because the signed bytes are stored
 */
public record ContractCall(EvmAddress to, String data, BigInteger value, BigInteger gasLimit) {
    public ContractCall {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(gasLimit, "gasLimit");
    }

    public ContractCall withGasLimit(BigInteger gasLimit) {
        return new ContractCall(to, data, value, gasLimit);
    }
}
