/**
 * Cross-organization settlement: what inference charges, fee splits and dispute corrections moved between
 * organizations in the ledger, netted per organization and paid on chain between their custodial wallets.
 */
package io.tributary.persistence.rewards.settlement;
