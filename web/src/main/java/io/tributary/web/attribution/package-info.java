/** Attribution's pages and API: receipts with their proofs, and model versions' fee splits. */
package io.tributary.web.attribution;
