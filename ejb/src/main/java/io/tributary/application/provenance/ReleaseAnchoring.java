package io.tributary.application.provenance;

import io.tributary.application.rewards.SettlementChain;
import io.tributary.chain.AdminSender;
import io.tributary.chain.AnchorKind;
import io.tributary.chain.AnchoredRoot;
import io.tributary.chain.Bytes32;
import io.tributary.chain.ReceiptState;
import io.tributary.chain.SigningKey;
import io.tributary.persistence.curation.Release;
import io.tributary.persistence.curation.ReleaseRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Anchors published DataNet release roots in the ProvenanceRegistry with the platform operator's key, so anyone can
 * check a record's inclusion proof against a root the platform cannot quietly change afterwards.
 */
@Stateless
public class ReleaseAnchoring {

    @Inject
    ReleaseRepository releases;

    @Inject
    SettlementChain chain;

    /** Anchors the oldest unanchored release; false when there is none (or no operator key is configured). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean anchorNext() {
        Optional<SigningKey> operator = chain.operator();
        if (operator.isEmpty()) return false;
        Optional<Release> next = releases.nextUnanchored();
        if (next.isEmpty()) return false;
        Release release = next.get();
        Bytes32 root = Bytes32.of(release.getMerkleRoot());
        // Sent before a crash but never recorded: the registry refuses a second anchor, so take what it holds.
        Optional<AnchoredRoot> existing = chain.anchor().anchorOf(root);
        if (existing.isPresent()) {
            release.anchored(null, existing.get().blockNumber());
            return true;
        }
        var call = chain.anchor()
                .anchorCall(
                        operator.get().address(),
                        root,
                        AnchorKind.DATANET_RELEASE,
                        Bytes32.fromUuid(release.getDataNetId()),
                        "tributary:datanet:" + release.getDataNetId() + ":v" + release.getVersion() + ":records="
                                + release.getRecordCount());
        ReceiptState receipt = new AdminSender(chain.client()).send(operator.get(), call);
        release.anchored(receipt.transactionHash(), receipt.inclusion().blockNumber());
        return true;
    }
}
