/**
 * Serving's tables: the published versions it hosts and the names callers use for them, each organization's limits
 * and rate windows, and one usage record per answered request.
 */
package io.tributary.persistence.serving;
