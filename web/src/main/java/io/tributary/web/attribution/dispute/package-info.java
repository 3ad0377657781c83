/** Disputes of attribution receipts: the contributors' and validators' pages and the API. */
package io.tributary.web.attribution.dispute;
