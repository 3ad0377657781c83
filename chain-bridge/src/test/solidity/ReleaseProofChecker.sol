// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

interface IProvenanceRegistry {
    function isAnchored(bytes32 root) external view returns (bool);
}

/// @title Test-only: what an on-chain consumer of a DataNet release proof would do.
/// @dev Kept out of ProvenanceRegistry on purpose: one more function there reshapes the selector dispatch and made
///      `anchor` cost 111 gas more. The leaf is rebuilt here from the record's fields, so the tests also pin the
///      documented encoding (tributary.datanet-record.v1) to what Solidity computes.
contract ReleaseProofChecker {
    IProvenanceRegistry public immutable registry;

    constructor(IProvenanceRegistry registry_) {
        registry = registry_;
    }

    function leafOf(bytes32 recordId, bytes32 contentSha256, bytes32 contributorId) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(recordId, contentSha256, contributorId))));
    }

    /// A valid proof against a root nobody anchored proves nothing, hence the registry check.
    function verifyRecord(
        bytes32 root,
        bytes32 recordId,
        bytes32 contentSha256,
        bytes32 contributorId,
        bytes32[] memory proof
    ) external view returns (bool) {
        return registry.isAnchored(root) && MerkleProof.verify(proof, root, leafOf(recordId, contentSha256, contributorId));
    }

    function verifyLeaf(bytes32 root, bytes32 leaf, bytes32[] memory proof) external view returns (bool) {
        return registry.isAnchored(root) && MerkleProof.verify(proof, root, leaf);
    }
}
