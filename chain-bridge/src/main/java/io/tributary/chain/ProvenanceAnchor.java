package io.tributary.chain;

import io.tributary.chain.internal.Rpc;
import io.tributary.chain.internal.contracts.ProvenanceRegistry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** Anchors DataNet release roots and attribution batch roots in the ProvenanceRegistry, and reads them back. */
public final class ProvenanceAnchor {
    private final ChainClient client;
    private final EvmAddress registry;

    public ProvenanceAnchor(ChainClient client, EvmAddress registry) {
        this.client = client;
        this.registry = registry;
    }

    public ContractCall anchorCall(
            Bytes32 root, AnchorKind kind, Bytes32 subject, String metadata, BigInteger gasLimit) {
        Function anchor = new Function(
                ProvenanceRegistry.FUNC_ANCHOR,
                List.of(
                        new org.web3j.abi.datatypes.generated.Bytes32(root.toBytes()),
                        new Uint8(kind.ordinal()),
                        new org.web3j.abi.datatypes.generated.Bytes32(subject.toBytes()),
                        new Utf8String(metadata)),
                List.of());
        return new ContractCall(registry, FunctionEncoder.encode(anchor), BigInteger.ZERO, gasLimit);
    }

    /**
     * The anchor call with the node's gas estimate plus a fifth; fails with {@link ChainRequestException} when the
     * root is already anchored or the anchorer lacks the role.
     */
    public ContractCall anchorCall(
            EvmAddress anchorer, Bytes32 root, AnchorKind kind, Bytes32 subject, String metadata) {
        BigInteger estimate = client.estimateGas(anchorer, anchorCall(root, kind, subject, metadata, BigInteger.ZERO));
        return anchorCall(root, kind, subject, metadata, estimate.add(estimate.divide(BigInteger.valueOf(5))));
    }

    public boolean isAnchored(Bytes32 root) {
        Function isAnchored = new Function(
                ProvenanceRegistry.FUNC_ISANCHORED,
                List.of(new org.web3j.abi.datatypes.generated.Bytes32(root.toBytes())),
                List.of(new TypeReference<Bool>() {}));
        return (Boolean) client.call(registry, isAnchored, client.latestBlockNumber())
                .get(0)
                .getValue();
    }

    /** The stored anchor (metadata as hash only), or empty when the root was never anchored. */
    public Optional<AnchoredRoot> anchorOf(Bytes32 root) {
        Function anchorOf = new Function(
                ProvenanceRegistry.FUNC_ANCHOROF,
                List.of(new org.web3j.abi.datatypes.generated.Bytes32(root.toBytes())),
                List.of(new TypeReference<ProvenanceRegistry.Anchor>() {}));
        var anchor = (ProvenanceRegistry.Anchor)
                client.call(registry, anchorOf, client.latestBlockNumber()).get(0);
        if (new BigInteger(anchor.anchorer.substring(2), 16).signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(new AnchoredRoot(
                root,
                AnchorKind.values()[anchor.kind.intValueExact()],
                Bytes32.of(anchor.subject),
                EvmAddress.of(anchor.anchorer),
                null,
                Bytes32.of(anchor.metadataHash),
                anchor.blockNumber.longValueExact()));
    }

    /** RootAnchored events in the inclusive block range, in chain order, with their metadata text. */
    public List<AnchoredRoot> anchoredRoots(long fromBlock, long toBlock) {
        EthFilter filter = new EthFilter(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)),
                registry.hex());
        filter.addSingleTopic(EventEncoder.encode(ProvenanceRegistry.ROOTANCHORED_EVENT));
        List<AnchoredRoot> roots = new ArrayList<>();
        for (EthLog.LogResult<?> result :
                Rpc.send(client.web3j().ethGetLogs(filter)).getLogs()) {
            Log log = (Log) result.get();
            if (log.isRemoved()) {
                continue;
            }
            var event = ProvenanceRegistry.getRootAnchoredEventFromLog(log);
            roots.add(new AnchoredRoot(
                    Bytes32.of(event.root),
                    AnchorKind.values()[event.kind.intValueExact()],
                    Bytes32.of(event.subject),
                    EvmAddress.of(event.anchorer),
                    event.metadata,
                    Bytes32.keccakOf(event.metadata),
                    log.getBlockNumber().longValueExact()));
        }
        return roots;
    }

    public EvmAddress registry() {
        return registry;
    }
}
