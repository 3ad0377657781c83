/**
 * Attribution: traces each charged inference to the training records that shaped it, splits its charge by the model
 * version's public fee split in one ledger transfer, writes a receipt, and anchors receipts in Merkle batches on chain.
 * Reacts to factory's {@code TrainingRunFinished} (builds the run's indexes) and serving's {@code InferenceServed}.
 */
package io.tributary.application.attribution;
