package io.tributary.chain;

/**
 * A Merkle root anchored in the ProvenanceRegistry.
 *
 * @param subject the release or attribution batch the root belongs to
 * @param metadata the metadata text, from the event; null when read from contract storage, which keeps only its hash
 * @param metadataHash keccak-256 of the metadata's UTF-8 bytes
 */
public record AnchoredRoot(
        Bytes32 root,
        AnchorKind kind,
        Bytes32 subject,
        EvmAddress anchorer,
        String metadata,
        Bytes32 metadataHash,
        long blockNumber) {}
