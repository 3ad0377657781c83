/** Curation: validators' reviews with quorum and escalation, and immutable releases with Merkle proofs. */
package io.tributary.application.curation;
