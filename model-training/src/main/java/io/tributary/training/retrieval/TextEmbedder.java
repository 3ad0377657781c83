package io.tributary.training.retrieval;

/** Turns a text into a vector of fixed dimension; texts close in meaning get vectors close in cosine. */
public interface TextEmbedder {

    /** The embedder's name and version, stored with an index so a query is embedded the same way. */
    String name();

    int dimension();

    float[] embed(String text);
}
