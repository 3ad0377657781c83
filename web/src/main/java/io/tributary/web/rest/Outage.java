package io.tributary.web.rest;

import io.tributary.application.rewards.custody.CustodyFailure;
import io.tributary.chain.ChainRequestException;
import io.tributary.chain.ChainUnavailableException;
import java.util.Optional;

/**
 * A failure of something the platform depends on (custody, the chain node), told to people in fixed words: the
 * exceptions' own messages may name key files or node URLs, so they go to the log only.
 *
 * @param status the HTTP status the API answers
 */
public record Outage(int status, String message) {

    public static final Outage CUSTODY = new Outage(503, "Custody is unavailable; no key was used.");
    public static final Outage CHAIN_UNAVAILABLE =
            new Outage(503, "The chain node cannot be reached right now; try again shortly.");
    public static final Outage CHAIN_REFUSED = new Outage(502, "The chain node refused the request; try again later.");

    /** The outage somewhere in the failure's causes, however deeply the EJB container wrapped it. */
    public static Optional<Outage> of(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof CustodyFailure) return Optional.of(CUSTODY);
            if (t instanceof ChainUnavailableException) return Optional.of(CHAIN_UNAVAILABLE);
            if (t instanceof ChainRequestException) return Optional.of(CHAIN_REFUSED);
        }
        return Optional.empty();
    }
}
