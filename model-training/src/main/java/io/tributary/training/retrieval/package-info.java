/**
 * Retrieval-augmented answers behind the {@link io.tributary.training.retrieval.Retrieval} facade: a vector index over
 * records ({@link io.tributary.training.retrieval.RetrievalIndex}: MiniLM sentence embeddings in a Lucene HNSW graph
 * on disk), the context block that puts retrieved records into a prompt, and the attribution of an answer to the
 * records in its context by exact leave-one-out (up to {@link io.tributary.training.retrieval.Retrieval#EXACT_LIMIT}
 * records) or by a ContextCite-style sparse linear fit over random ablations (more records).
 */
package io.tributary.training.retrieval;
