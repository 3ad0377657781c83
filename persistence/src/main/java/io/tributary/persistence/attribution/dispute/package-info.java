/** Disputes of attribution receipts: who disputes which receipt about which record, and the validators' decision. */
package io.tributary.persistence.attribution.dispute;
