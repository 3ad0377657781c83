/**
 * Attribution's tables: each model version's fee split and the bounds staff set for it, one receipt per charged
 * inference (the records that shaped the answer and who was paid), and the Merkle batches receipts are anchored in.
 */
package io.tributary.persistence.attribution;
