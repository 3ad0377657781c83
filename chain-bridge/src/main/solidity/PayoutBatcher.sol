// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Pays many recipients of one ERC-20 in a single transaction, at most once per batch id.
/// @dev Tokens move with transferFrom straight from the caller's wallet to each recipient: the batcher never
///      holds funds, so one deployment can serve every custodial wallet, and a wallet's on-chain balance is
///      always the one number the ledger reconciles against. The caller approves the batcher once (an
///      unlimited allowance is not decremented by OpenZeppelin's ERC-20, which saves a storage write per
///      recipient). Only the caller's own tokens can ever move: `from` is always msg.sender.
///      Batch ids are scoped per payer so that one wallet can never block another wallet's batch id.
///
///      Gas: a first payment to an address costs ~22k for the token's new balance slot alone, so everything
///      else per recipient is squeezed: each payout is one calldata word, amount (96 bits) above recipient
///      (160 bits), and the transferFrom calls are made from a hand-written loop.
contract PayoutBatcher {
    /// Emitted once per batch; the per-recipient detail is in the token's own Transfer events of the same transaction.
    event BatchPaid(bytes32 indexed batchId, address indexed payer, address indexed token, uint256 count, uint256 total);

    error BatchAlreadyPaid(bytes32 batchId);
    error EmptyBatch();
    error TransferFailed(address recipient);

    mapping(address payer => mapping(bytes32 batchId => bool)) private _paid;

    function isPaid(address payer, bytes32 batchId) external view returns (bool) {
        return _paid[payer][batchId];
    }

    /// @param payouts one word per recipient: `amount << 160 | uint160(recipient)`, amount below 2**96
    function payBatch(IERC20 token, bytes32 batchId, uint256[] calldata payouts) external {
        if (payouts.length == 0) revert EmptyBatch();
        if (_paid[msg.sender][batchId]) revert BatchAlreadyPaid(batchId);
        _paid[msg.sender][batchId] = true;

        uint256 total = _transferAll(address(token), payouts);
        emit BatchPaid(batchId, msg.sender, address(token), payouts.length, total);
    }

    /// Moves every payout's amount from the caller to its recipient, returning the sum.
    function _transferAll(address token, uint256[] calldata payouts) private returns (uint256 total) {
        // Hand-written loop: Solidity's high-level call would re-encode the arguments into fresh memory and
        // re-check the return data for every recipient, a few hundred gas each time.
        assembly ("memory-safe") {
            let call_ := mload(0x40)
            // transferFrom(address,address,uint256); `from` is always the caller.
            mstore(call_, 0x23b872dd00000000000000000000000000000000000000000000000000000000)
            mstore(add(call_, 0x04), caller())
            let end := add(payouts.offset, shl(5, payouts.length))
            for { let at := payouts.offset } lt(at, end) { at := add(at, 0x20) } {
                let payout := calldataload(at)
                let recipient := and(payout, 0xffffffffffffffffffffffffffffffffffffffff)
                let amount := shr(160, payout)
                mstore(add(call_, 0x24), recipient)
                mstore(add(call_, 0x44), amount)
                mstore(0x00, 0)
                if iszero(call(gas(), token, 0, call_, 0x64, 0x00, 0x20)) {
                    // Surface the token's own reason (for example ERC20InsufficientBalance).
                    returndatacopy(call_, 0, returndatasize())
                    revert(call_, returndatasize())
                }
                // The token must answer `true`; RewardToken (OpenZeppelin ERC-20) always does.
                if iszero(eq(mload(0x00), 1)) {
                    mstore(0x00, 0x39f1c8d900000000000000000000000000000000000000000000000000000000) // TransferFailed(address)
                    mstore(0x04, recipient)
                    revert(0x00, 0x24)
                }
                // Cannot overflow: each amount is below 2**96 and a batch has far fewer than 2**160 entries.
                total := add(total, amount)
            }
        }
    }
}
