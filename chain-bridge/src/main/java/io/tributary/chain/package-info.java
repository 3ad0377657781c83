/** Talking to an EVM chain: custodial EIP-1559 signing, idempotent broadcast, receipts, events and the reward contracts. */
package io.tributary.chain;
