package io.tributary.application.curation;

import io.tributary.persistence.curation.Release;
import io.tributary.persistence.curation.ReleaseRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Curation's side of anchoring, for provenance: whether a release still waits for its root to be anchored, and where
 * it was anchored. Both run in the caller's transaction, so the lock taken by the first holds until the second.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ReleaseAnchors {

    @Inject
    ReleaseRepository releases;

    /**
     * Locks the release until the caller's transaction ends (two anchoring attempts never overlap); true while its root
     * is not anchored yet.
     */
    public boolean lockUnanchored(UUID releaseId) {
        Release release = releases.lockForAnchoring(releaseId)
                .orElseThrow(() -> new IllegalStateException("Release " + releaseId + " does not exist"));
        return release.getAnchoredBlock() == null;
    }

    /**
     * The root is anchored in this block, by this transaction when it is known (null when found on chain), in this
     * chain's registry under this subject word.
     */
    public void anchored(
            UUID releaseId, String transactionHash, long blockNumber, long chainId, String registry, String subject) {
        releases.lockForAnchoring(releaseId)
                .orElseThrow()
                .anchored(transactionHash, blockNumber, chainId, registry, subject);
    }
}
