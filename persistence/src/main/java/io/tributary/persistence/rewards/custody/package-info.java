/**
 * Custody of the rewards context: each tenant's custodial wallet, members' withdrawal addresses and their cooling-off
 * changes, deposits seen on chain, the per-wallet transaction outbox with its broadcast attempts, and reconciliation
 * alerts.
 */
package io.tributary.persistence.rewards.custody;
