/**
 * The Model Factory: no-code LoRA fine-tuning on DataNet releases. {@link io.tributary.application.factory.FactoryService}
 * creates, reads, cancels, resumes, forks and publishes runs; {@link io.tributary.application.factory.TrainingWorker}
 * claims queued runs from PostgreSQL and trains them on managed threads with the model library's public API,
 * checkpointing so that a killed server resumes where it stopped.
 */
package io.tributary.application.factory;
