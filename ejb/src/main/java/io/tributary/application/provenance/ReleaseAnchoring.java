package io.tributary.application.provenance;

import io.tributary.application.curation.ReleaseAnchors;
import io.tributary.application.curation.ReleasePublished;
import io.tributary.application.events.EventObserver;
import io.tributary.application.rewards.SettlementChain;
import io.tributary.chain.AdminSender;
import io.tributary.chain.AnchorKind;
import io.tributary.chain.AnchoredRoot;
import io.tributary.chain.Bytes32;
import io.tributary.chain.ReceiptState;
import io.tributary.chain.SigningKey;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Anchors each published DataNet release root in the ProvenanceRegistry with the platform operator's key, when its
 * {@link ReleasePublished} event arrives, so anyone can check a record's inclusion proof against a root the platform
 * cannot quietly change afterwards.
 *
 * <p>Idempotent, so redelivery never sends a second transaction: curation locks the release for the attempt
 * ({@link ReleaseAnchors}), an anchored release is left alone, and a root the registry already holds (sent before a crash, never recorded) is
 * recorded from the chain instead of being sent again. While the chain is unreachable or no operator key is
 * configured, the attempt fails and the outbox retries it with back-off.
 */
@Stateless
public class ReleaseAnchoring implements EventObserver<ReleasePublished> {

    @Inject
    ReleaseAnchors releases;

    @Inject
    SettlementChain chain;

    @Override
    public void observe(ReleasePublished published) {
        if (!releases.lockUnanchored(published.releaseId())) return;
        if (!chain.isConfigured()) {
            throw new IllegalStateException("No settlement chain is configured; the release waits to be anchored");
        }
        SigningKey operator = chain.operator()
                .orElseThrow(() -> new IllegalStateException(
                        "No operator key (TRIBUTARY_CHAIN_OPERATOR_KEY) is configured to anchor releases with"));
        Bytes32 root = Bytes32.of(published.merkleRoot());
        long chainId = chain.client().endpoint().chainId();
        String registry = chain.anchor().registry().checksummed();
        // Sent before a crash but never recorded: the registry refuses a second anchor, so take what it holds.
        Optional<AnchoredRoot> existing = chain.anchor().anchorOf(root);
        if (existing.isPresent()) {
            releases.anchored(
                    published.releaseId(),
                    null,
                    existing.get().blockNumber(),
                    chainId,
                    registry,
                    existing.get().subject().hex());
            return;
        }
        Bytes32 subject = subject(published);
        var call = chain.anchor()
                .anchorCall(operator.address(), root, AnchorKind.DATANET_RELEASE, subject, metadata(published));
        ReceiptState receipt = new AdminSender(chain.client()).send(operator, call);
        releases.anchored(
                published.releaseId(),
                receipt.transactionHash(),
                receipt.inclusion().blockNumber(),
                chainId,
                registry,
                subject.hex());
    }

    /**
     * The word a release root is anchored under: the release's own id (as the contract's comment says), so {@code
     * anchorOf(root).subject} names exactly one release. Releases anchored before V20 used their DataNet's id; the
     * release row keeps the subject each was anchored under.
     */
    static Bytes32 subject(ReleasePublished published) {
        return Bytes32.fromUuid(published.releaseId());
    }

    /** The text of the registry's {@code RootAnchored} event: which release of which DataNet, and its size. */
    static String metadata(ReleasePublished published) {
        return "tributary:release:" + published.releaseId() + ":datanet:" + published.dataNetId() + ":v"
                + published.version() + ":records=" + published.recordCount();
    }
}
