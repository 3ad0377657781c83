/** The earnings dashboards' page and API. */
package io.tributary.web.attribution.dashboard;
