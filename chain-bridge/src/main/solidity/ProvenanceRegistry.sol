// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title Public, append-only anchor for Merkle roots of DataNet releases and attribution batches.
/// @dev Only a hash of the metadata is stored (cheap, and enough to verify); the metadata itself travels in the
///      event so that anyone can rebuild the registry from logs. A root can be anchored once, ever: re-anchoring
///      would let the platform silently re-date or re-describe a release.
contract ProvenanceRegistry is AccessControl {
    bytes32 public constant ANCHORER_ROLE = keccak256("ANCHORER_ROLE");

    /// What a root commits to.
    enum Kind {
        DataNetRelease,
        AttributionBatch
    }

    struct Anchor {
        bytes32 subject;
        bytes32 metadataHash;
        address anchorer;
        uint64 blockNumber;
        Kind kind;
    }

    event RootAnchored(
        bytes32 indexed root, Kind indexed kind, bytes32 indexed subject, address anchorer, string metadata
    );

    error AlreadyAnchored(bytes32 root);
    error ZeroRoot();

    mapping(bytes32 root => Anchor) private _anchors;

    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ANCHORER_ROLE, admin);
    }

    /// @param subject the DataNet release id or attribution batch id the root belongs to (for example a UUID hash)
    function anchor(bytes32 root, Kind kind, bytes32 subject, string calldata metadata)
        external
        onlyRole(ANCHORER_ROLE)
    {
        if (root == bytes32(0)) revert ZeroRoot();
        if (_anchors[root].anchorer != address(0)) revert AlreadyAnchored(root);
        _anchors[root] = Anchor({
            subject: subject,
            metadataHash: keccak256(bytes(metadata)),
            anchorer: msg.sender,
            blockNumber: uint64(block.number),
            kind: kind
        });
        emit RootAnchored(root, kind, subject, msg.sender, metadata);
    }

    function anchorOf(bytes32 root) external view returns (Anchor memory) {
        return _anchors[root];
    }

    function isAnchored(bytes32 root) external view returns (bool) {
        return _anchors[root].anchorer != address(0);
    }
}
