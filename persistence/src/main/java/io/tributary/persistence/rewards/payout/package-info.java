/**
 * Payouts of the rewards context: payout runs, their lines per member, and the batches each run is split into, one
 * custodial transaction per batch.
 */
package io.tributary.persistence.rewards.payout;
