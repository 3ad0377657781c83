/**
 * The rewards ledger: double-entry accounts per tenant and member, immutable multi-leg transfers (pending, posted or
 * voided) linked to their cause, and the rules that keep every transfer balanced and no protected account overdrawn.
 */
package io.tributary.persistence.rewards;
