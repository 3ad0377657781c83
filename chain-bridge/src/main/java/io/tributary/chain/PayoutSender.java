package io.tributary.chain;

import io.tributary.chain.internal.contracts.PayoutBatcher;
import io.tributary.chain.internal.contracts.RewardToken;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * Builds the transactions of a custodial wallet paying through the PayoutBatcher. Signing and sending are separate
 * ({@link TransactionSigner}, {@link TransactionBroadcaster}) so the signed bytes can be stored in between.
 */
public final class PayoutSender {
    private static final BigInteger APPROVE_GAS = BigInteger.valueOf(100_000);
    /** An ERC-20 transfer costs ~52k gas to a new holder, ~35k to an existing one; with headroom. */
    private static final BigInteger TRANSFER_GAS = BigInteger.valueOf(100_000);

    private static final int AMOUNT_BITS = 96;
    private static final BigInteger UNLIMITED = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private final ChainClient client;
    private final EvmAddress token;
    private final EvmAddress batcher;

    public PayoutSender(ChainClient client, EvmAddress token, EvmAddress batcher) {
        this.client = client;
        this.token = token;
        this.batcher = batcher;
    }

    /**
     * The wallet's one-time unlimited approval of the batcher. Safe because the batcher only ever moves tokens of
     * its caller, and cheaper: OpenZeppelin does not write an unlimited allowance back on every transfer.
     */
    public ContractCall approveBatcherCall() {
        Function approve = new Function(
                RewardToken.FUNC_APPROVE, List.of(new Address(batcher.hex()), new Uint256(UNLIMITED)), List.of());
        return new ContractCall(token, FunctionEncoder.encode(approve), BigInteger.ZERO, APPROVE_GAS);
    }

    /** A plain ERC-20 transfer of the reward token from the signing wallet (settlement between custodial wallets). */
    public ContractCall transferCall(EvmAddress recipient, BigInteger amount) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("A transfer moves a positive amount.");
        }
        Function transfer =
                new Function("transfer", List.of(new Address(recipient.hex()), new Uint256(amount)), List.of());
        return new ContractCall(token, FunctionEncoder.encode(transfer), BigInteger.ZERO, TRANSFER_GAS);
    }

    public BigInteger allowance(EvmAddress payer) {
        Function allowance = new Function(
                RewardToken.FUNC_ALLOWANCE,
                List.of(new Address(payer.hex()), new Address(batcher.hex())),
                List.of(new TypeReference<Uint256>() {}));
        return (BigInteger)
                client.call(token, allowance, client.latestBlockNumber()).get(0).getValue();
    }

    /**
     * The payBatch call with a gas limit chosen by the caller.
     *
     * @throws IllegalArgumentException when an amount does not fit the contract's 96 bits (about 7.9e28 base units)
     */
    public ContractCall payBatchCall(PayoutBatch batch, BigInteger gasLimit) {
        List<Uint256> packed = new ArrayList<>();
        for (Payout payout : batch.payouts()) {
            if (payout.amount().bitLength() > AMOUNT_BITS) {
                throw new IllegalArgumentException("Amount above 2^96 for " + payout.recipient());
            }
            packed.add(new Uint256(payout.amount()
                    .shiftLeft(160)
                    .or(Numeric.toBigInt(payout.recipient().hex()))));
        }
        Function payBatch = new Function(
                PayoutBatcher.FUNC_PAYBATCH,
                List.of(
                        new Address(token.hex()),
                        new org.web3j.abi.datatypes.generated.Bytes32(batch.id().toBytes()),
                        new DynamicArray<>(Uint256.class, packed)),
                List.of());
        return new ContractCall(batcher, FunctionEncoder.encode(payBatch), BigInteger.ZERO, gasLimit);
    }

    /**
     * The payBatch call with the node's gas estimate plus a fifth. Fails with {@link ChainRequestException} when the
     * batch would revert now (already paid, too few tokens, no allowance): a clear state before anything is signed.
     */
    public ContractCall payBatchCall(EvmAddress payer, PayoutBatch batch) {
        BigInteger estimate = client.estimateGas(payer, payBatchCall(batch, BigInteger.ZERO));
        return payBatchCall(batch, estimate.add(estimate.divide(BigInteger.valueOf(5))));
    }

    /** Whether this wallet's batch id is already spent on chain (at the latest block, not yet confirmed). */
    public boolean isPaid(EvmAddress payer, Bytes32 batchId) {
        Function isPaid = new Function(
                PayoutBatcher.FUNC_ISPAID,
                List.of(new Address(payer.hex()), new org.web3j.abi.datatypes.generated.Bytes32(batchId.toBytes())),
                List.of(new TypeReference<Bool>() {}));
        return (Boolean)
                client.call(batcher, isPaid, client.latestBlockNumber()).get(0).getValue();
    }

    public EvmAddress token() {
        return token;
    }

    public EvmAddress batcher() {
        return batcher;
    }
}
