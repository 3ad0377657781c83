/** Read-only aggregates over receipts for the earnings dashboards. */
package io.tributary.persistence.attribution.dashboard;
