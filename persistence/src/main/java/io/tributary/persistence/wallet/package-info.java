/**
 * Custodial wallets per tenant and the money that moves through them on chain: members' withdrawal addresses,
 * deposits, payout runs split into batches, the per-wallet transaction outbox, and reconciliation alerts.
 */
package io.tributary.persistence.wallet;
