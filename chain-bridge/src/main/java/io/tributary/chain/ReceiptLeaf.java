package io.tributary.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An attribution receipt as its batch's Merkle tree commits to it; {@link #leaf()} is encoding {@value #ENCODING}, built
 * the way release leaves are (OpenZeppelin {@code StandardMerkleTree}: double keccak-256 of the ABI-encoded values), and
 * proven in the {@link AnchoredProof} format.
 *
 * @param receiptId the receipt's id (serving's usage record id)
 * @param modelVersionId the model version that answered
 * @param promptSha256 SHA-256 of the prompt's UTF-8 bytes
 * @param outputSha256 SHA-256 of the answer's UTF-8 bytes
 * @param contentSha256 SHA-256 of the receipt's canonical text (records, weights, split; see docs/attribution.md)
 * @param charge what the inference cost, in the token's smallest unit
 */
public record ReceiptLeaf(
        UUID receiptId,
        UUID modelVersionId,
        Bytes32 promptSha256,
        Bytes32 outputSha256,
        Bytes32 contentSha256,
        BigInteger charge) {

    /** Name and version of the leaf encoding; a change to {@link #leaf()} needs a new one. */
    public static final String ENCODING = "tributary.attribution-receipt.v1";

    /**
     * The Solidity types of {@link #leafValues()}, as OpenZeppelin's {@code StandardMerkleTree} takes them: all
     * {@code bytes32}, as {@link AnchoredProof} wants; the charge's word is its {@code uint256} big-endian, which ABI
     * encodes to the same 32 bytes.
     */
    public static final List<String> LEAF_TYPES = java.util.Collections.nCopies(6, "bytes32");

    public ReceiptLeaf {
        Objects.requireNonNull(receiptId, "receiptId");
        Objects.requireNonNull(modelVersionId, "modelVersionId");
        Objects.requireNonNull(promptSha256, "promptSha256");
        Objects.requireNonNull(outputSha256, "outputSha256");
        Objects.requireNonNull(contentSha256, "contentSha256");
        if (charge == null || charge.signum() < 0 || charge.bitLength() > 256) {
            throw new IllegalArgumentException("The charge must be a uint256, got " + charge);
        }
    }

    /** The six words the leaf hashes: UUIDs as {@link Bytes32#fromUuid}, hashes as they are, the charge big-endian. */
    public List<Bytes32> leafValues() {
        byte[] word = new byte[32];
        byte[] magnitude = charge.toByteArray();
        int length = Math.min(magnitude.length, 32);
        System.arraycopy(magnitude, magnitude.length - length, word, 32 - length, length);
        return List.of(
                Bytes32.fromUuid(receiptId),
                Bytes32.fromUuid(modelVersionId),
                promptSha256,
                outputSha256,
                contentSha256,
                Bytes32.of(word));
    }

    /** {@code keccak256(bytes.concat(keccak256(abi.encode(values...))))}. */
    public Bytes32 leaf() {
        return MerkleTree.standardLeaf(leafValues());
    }

    /** What the leaf commits to, by name, as text in the encoding's order (the proof's {@code record}). */
    public java.util.Map<String, String> fields() {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("receiptId", receiptId.toString());
        fields.put("modelVersionId", modelVersionId.toString());
        fields.put("promptSha256", promptSha256.hex());
        fields.put("outputSha256", outputSha256.hex());
        fields.put("contentSha256", contentSha256.hex());
        fields.put("charge", charge.toString());
        return fields;
    }
}
