/**
 * The rewards context. This package holds the ledger: double-entry accounts per tenant and member, immutable multi-leg
 * transfers (pending, posted or voided) linked to their cause, and the rules that keep every transfer balanced and no
 * protected account overdrawn. {@code custody} holds the custodial wallets and their chain transactions, {@code payout}
 * the payout runs paid from them.
 */
package io.tributary.persistence.rewards;
