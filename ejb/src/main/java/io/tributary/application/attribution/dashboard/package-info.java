/** The earnings dashboards: what a contributor earned and from which records, what a model owner's models took in. */
package io.tributary.application.attribution.dashboard;
