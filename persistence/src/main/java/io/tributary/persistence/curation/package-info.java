/** Validators' reviews of contributions and the immutable releases of accepted ones. */
package io.tributary.persistence.curation;
