package io.tributary.chain;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A record of a DataNet release as its Merkle tree commits to it; {@link #leaf()} is encoding {@value #ENCODING}.
 *
 * @param recordId the record's database id
 * @param contentSha256 SHA-256 of the record's content, as stored with the record
 * @param contributorId the contributing member's id
 */
public record ReleaseRecord(UUID recordId, Bytes32 contentSha256, UUID contributorId) {
    /** Name and version of the leaf encoding; a change to {@link #leaf()} needs a new one. */
    public static final String ENCODING = "tributary.datanet-record.v1";

    /** The Solidity types of {@link #leafValues()}, as OpenZeppelin's {@code StandardMerkleTree} takes them. */
    public static final List<String> LEAF_TYPES = List.of("bytes32", "bytes32", "bytes32");

    public ReleaseRecord {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(contributorId, "contributorId");
    }

    /** The three words the leaf hashes: both UUIDs as {@link Bytes32#fromUuid}, the content hash as it is. */
    public List<Bytes32> leafValues() {
        return List.of(Bytes32.fromUuid(recordId), contentSha256, Bytes32.fromUuid(contributorId));
    }

    /** {@code keccak256(bytes.concat(keccak256(abi.encode(recordId, contentSha256, contributorId))))}. */
    public Bytes32 leaf() {
        return MerkleTree.leaf(recordId, contentSha256, contributorId);
    }
}
