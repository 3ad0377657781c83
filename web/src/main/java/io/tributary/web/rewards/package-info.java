/** Earnings and treasury pages and API. */
package io.tributary.web.rewards;
