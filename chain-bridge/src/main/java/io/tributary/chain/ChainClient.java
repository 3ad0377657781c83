package io.tributary.chain;

import io.tributary.chain.internal.Rpc;
import io.tributary.chain.internal.contracts.PayoutBatcher;
import io.tributary.chain.internal.contracts.RewardToken;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/** Reads the chain: blocks, nonces, fees, balances at a block, deposits and paid batches. One per endpoint; thread-safe. */
public final class ChainClient implements AutoCloseable {
    private static final BigInteger DEFAULT_PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L);

    private final ChainEndpoint endpoint;
    private final HttpService service;
    private final Web3j web3j;
    // web3j's default executor is shared by every instance and shut down by any of them: each client gets its own.
    private final ScheduledExecutorService scheduler;

    private ChainClient(ChainEndpoint endpoint) {
        this.endpoint = endpoint;
        this.service = new HttpService(endpoint.rpcUrl().toString());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chain-client");
            thread.setDaemon(true);
            return thread;
        });
        this.web3j = Web3j.build(service, 1_000, scheduler);
    }

    /** Connects lazily: nothing is sent until the first call. */
    public static ChainClient connect(ChainEndpoint endpoint) {
        return new ChainClient(endpoint);
    }

    public ChainEndpoint endpoint() {
        return endpoint;
    }

    Web3j web3j() {
        return web3j;
    }

    public long chainIdReportedByNode() {
        return Rpc.send(web3j.ethChainId()).getChainId().longValueExact();
    }

    public long latestBlockNumber() {
        return Rpc.send(web3j.ethBlockNumber()).getBlockNumber().longValueExact();
    }

    /** The newest block with the configured number of confirmations; balances and events are read up to here. */
    public long confirmedBlockNumber() {
        return Math.max(0, latestBlockNumber() - endpoint.confirmations() + 1);
    }

    /** The hash of the canonical block at this height, or empty when the chain is not that long (any more). */
    public Optional<String> canonicalBlockHash(long blockNumber) {
        EthBlock.Block block =
                Rpc.send(web3j.ethGetBlockByNumber(at(blockNumber), false)).getBlock();
        return Optional.ofNullable(block).map(EthBlock.Block::getHash);
    }

    /** The node's next nonce counting its pending pool: a starting point for a wallet's database nonce sequence. */
    public long pendingNonce(EvmAddress account) {
        return Rpc.send(web3j.ethGetTransactionCount(account.hex(), DefaultBlockParameterName.PENDING))
                .getTransactionCount()
                .longValueExact();
    }

    /** Nonces used by mined transactions only. */
    public long minedNonce(EvmAddress account) {
        return Rpc.send(web3j.ethGetTransactionCount(account.hex(), DefaultBlockParameterName.LATEST))
                .getTransactionCount()
                .longValueExact();
    }

    public BigInteger nativeBalance(EvmAddress account, long blockNumber) {
        return Rpc.send(web3j.ethGetBalance(account.hex(), at(blockNumber))).getBalance();
    }

    /** ERC-20 balanceOf as of the given block (use {@link #confirmedBlockNumber()} when reconciling). */
    public BigInteger tokenBalance(EvmAddress token, EvmAddress owner, long blockNumber) {
        Function balanceOf = new Function(
                RewardToken.FUNC_BALANCEOF,
                List.of(new Address(owner.hex())),
                List.of(new TypeReference<Uint256>() {}));
        return (BigInteger) call(token, balanceOf, blockNumber).get(0).getValue();
    }

    /** Fee caps that survive a doubling of the base fee before inclusion. */
    public GasFees suggestFees() {
        EthBlock.Block latest = Rpc.send(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false))
                .getBlock();
        BigInteger baseFee = latest.getBaseFeePerGas() == null ? BigInteger.ZERO : latest.getBaseFeePerGas();
        var tipResponse = Rpc.sendRaw(web3j.ethMaxPriorityFeePerGas());
        BigInteger tip = tipResponse.hasError() ? DEFAULT_PRIORITY_FEE : tipResponse.getMaxPriorityFeePerGas();
        return new GasFees(baseFee.shiftLeft(1).add(tip), tip);
    }

    /** The node's gas estimate; fails with {@link ChainRequestException} when the call would revert. */
    public BigInteger estimateGas(EvmAddress from, ContractCall call) {
        Transaction transaction = new Transaction(
                from.hex(),
                null,
                null,
                null,
                call.to() == null ? null : call.to().hex(),
                call.value(),
                call.data());
        return Rpc.send(web3j.ethEstimateGas(transaction)).getAmountUsed();
    }

    /**
     * Transfer events of {@code token} to any of {@code recipients} in the inclusive block range, in chain order:
     * deposits to custodial addresses. Scan only up to {@link #confirmedBlockNumber()} before crediting.
     */
    public List<TokenTransfer> tokenTransfersTo(
            EvmAddress token, Collection<EvmAddress> recipients, long fromBlock, long toBlock) {
        if (recipients.isEmpty()) {
            return List.of();
        }
        EthFilter filter = new EthFilter(at(fromBlock), at(toBlock), token.hex());
        filter.addSingleTopic(EventEncoder.encode(RewardToken.TRANSFER_EVENT));
        filter.addNullTopic();
        filter.addOptionalTopics(recipients.stream()
                .map(address -> Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(address.hex()), 64))
                .toArray(String[]::new));
        List<TokenTransfer> transfers = new ArrayList<>();
        for (Log log : logs(filter)) {
            var event = RewardToken.getTransferEventFromLog(log);
            transfers.add(new TokenTransfer(
                    token,
                    EvmAddress.of(event.from),
                    EvmAddress.of(event.to),
                    event.value,
                    log.getTransactionHash(),
                    log.getLogIndex().intValueExact(),
                    log.getBlockNumber().longValueExact(),
                    log.getBlockHash()));
        }
        return transfers;
    }

    /** BatchPaid events of a PayoutBatcher in the inclusive block range, optionally only those of one payer. */
    public List<PaidBatch> paidBatches(EvmAddress batcher, Optional<EvmAddress> payer, long fromBlock, long toBlock) {
        EthFilter filter = new EthFilter(at(fromBlock), at(toBlock), batcher.hex());
        filter.addSingleTopic(EventEncoder.encode(PayoutBatcher.BATCHPAID_EVENT));
        if (payer.isPresent()) {
            filter.addNullTopic();
            filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(
                    Numeric.toBigInt(payer.get().hex()), 64));
        }
        List<PaidBatch> batches = new ArrayList<>();
        for (Log log : logs(filter)) {
            var event = PayoutBatcher.getBatchPaidEventFromLog(log);
            batches.add(new PaidBatch(
                    Bytes32.of(event.batchId),
                    EvmAddress.of(event.payer),
                    EvmAddress.of(event.token),
                    event.count.intValueExact(),
                    event.total,
                    log.getTransactionHash(),
                    log.getBlockNumber().longValueExact(),
                    log.getBlockHash()));
        }
        return batches;
    }

    @SuppressWarnings("rawtypes")
    List<Type> call(EvmAddress contract, Function function, long blockNumber) {
        String data = FunctionEncoder.encode(function);
        var response = Rpc.send(
                web3j.ethCall(Transaction.createEthCallTransaction(null, contract.hex(), data), at(blockNumber)));
        if (response.isReverted()) {
            throw new ChainRequestException("eth_call reverted: " + response.getRevertReason());
        }
        return FunctionReturnDecoder.decode(response.getValue(), function.getOutputParameters());
    }

    private List<Log> logs(EthFilter filter) {
        List<Log> logs = new ArrayList<>();
        for (EthLog.LogResult<?> result : Rpc.send(web3j.ethGetLogs(filter)).getLogs()) {
            Log log = (Log) result.get();
            // A removed log belongs to a block that was re-organised away.
            if (!log.isRemoved()) {
                logs.add(log);
            }
        }
        return logs;
    }

    private static DefaultBlockParameter at(long blockNumber) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber));
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
