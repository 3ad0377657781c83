package io.tributary.training.retrieval;

/**
 * One record found for a query.
 *
 * @param id the caller's record id
 * @param text the record's text as indexed (what goes into the prompt)
 * @param score cosine similarity between the query's and the record's embeddings, in [-1, 1]
 */
public record RetrievedRecord(String id, String text, double score) {}
