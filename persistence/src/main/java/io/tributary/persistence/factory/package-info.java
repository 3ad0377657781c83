/**
 * The Model Factory's tables: registered base models, training jobs (the durable queue) with their metrics and
 * checkpoints, each organization's limits, and published model versions, which never change.
 */
package io.tributary.persistence.factory;
