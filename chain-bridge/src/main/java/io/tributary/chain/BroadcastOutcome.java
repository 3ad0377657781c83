package io.tributary.chain;

/**
 * What the node made of a broadcast. {@link Kind#SENT} and {@link Kind#ALREADY_KNOWN} both mean "the transaction is in
 * the node's hands; watch its receipt". The other two need a person or a new transaction, never a blind retry.
 */
public record BroadcastOutcome(Kind kind, String transactionHash, String nodeMessage) {
    /** Classification of a broadcast answer. */
    public enum Kind {
        /** Accepted now. */
        SENT,
        /** The node already has these bytes, pending or mined (a duplicate re-send answers "nonce too low"). */
        ALREADY_KNOWN,
        /** Another transaction took this nonce: the stored bytes can never be mined. */
        NONCE_TAKEN,
        /** Refused for another reason (insufficient funds for gas, fee too low, ...); see the node's message. */
        REJECTED
    }

    public boolean inNodeHands() {
        return kind == Kind.SENT || kind == Kind.ALREADY_KNOWN;
    }
}
