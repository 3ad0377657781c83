/** Earnings, the treasury, custodial wallets and payouts: pages and API. */
package io.tributary.web.rewards;
