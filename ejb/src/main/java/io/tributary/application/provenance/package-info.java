/** Proof on chain of what Tributary published: DataNet release roots (and, later, attribution batch roots). */
package io.tributary.application.provenance;
