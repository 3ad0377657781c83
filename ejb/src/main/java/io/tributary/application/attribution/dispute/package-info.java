/**
 * Disputes of attribution receipts: a contributor disputes a receipt about one of their records, a validator of that
 * record's DataNet decides with the evidence, and an upheld dispute is paid by a new ledger transfer.
 */
package io.tributary.application.attribution.dispute;
