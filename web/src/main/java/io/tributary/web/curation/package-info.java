/** Review queue, escalations and releases with Merkle proofs, as pages and API. */
package io.tributary.web.curation;
