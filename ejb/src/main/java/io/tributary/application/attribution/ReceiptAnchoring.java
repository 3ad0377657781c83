package io.tributary.application.attribution;

import io.tributary.application.events.EventObserver;
import io.tributary.application.rewards.SettlementChain;
import io.tributary.chain.AdminSender;
import io.tributary.chain.AnchorKind;
import io.tributary.chain.AnchoredRoot;
import io.tributary.chain.Bytes32;
import io.tributary.chain.ReceiptState;
import io.tributary.chain.SigningKey;
import io.tributary.persistence.attribution.AttributionRepository;
import io.tributary.persistence.attribution.ReceiptBatch;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Anchors each sealed receipt batch's root in the ProvenanceRegistry (kind {@code ATTRIBUTION_BATCH}, subject the
 * batch id) with the operator's key when its {@link ReceiptBatchSealed} arrives, as provenance anchors releases.
 * Idempotent: the batch is locked for the attempt, an anchored batch is left alone, and a root the registry already
 * holds (sent before a crash, never recorded) is recorded from the chain instead of being sent again.
 */
@Stateless
public class ReceiptAnchoring implements EventObserver<ReceiptBatchSealed> {

    @Inject
    AttributionRepository repository;

    @Inject
    SettlementChain chain;

    @Override
    public void observe(ReceiptBatchSealed sealed) {
        ReceiptBatch batch = repository
                .lockBatch(sealed.batchId())
                .orElseThrow(() -> new IllegalStateException("Receipt batch " + sealed.batchId() + " does not exist"));
        if (batch.getAnchoredBlock() != null) return;
        if (!chain.isConfigured()) {
            throw new IllegalStateException(
                    "No settlement chain is configured; the receipt batch waits to be anchored");
        }
        SigningKey operator = chain.operator()
                .orElseThrow(() -> new IllegalStateException(
                        "No operator key (TRIBUTARY_CHAIN_OPERATOR_KEY) is configured to anchor receipts with"));
        long chainId = chain.client().endpoint().chainId();
        String registry = chain.anchor().registry().hex();
        Bytes32 root = Bytes32.of(batch.getMerkleRoot());
        Optional<AnchoredRoot> existing = chain.anchor().anchorOf(root);
        if (existing.isPresent()) {
            batch.anchored(chainId, registry, null, existing.get().blockNumber());
            return;
        }
        var call = chain.anchor()
                .anchorCall(
                        operator.address(),
                        root,
                        AnchorKind.ATTRIBUTION_BATCH,
                        Bytes32.fromUuid(batch.getId()),
                        "tributary:receipts:" + batch.getId() + ":size=" + batch.getSize());
        ReceiptState receipt = new AdminSender(chain.client()).send(operator, call);
        batch.anchored(
                chainId,
                registry,
                receipt.transactionHash(),
                receipt.inclusion().blockNumber());
    }
}
