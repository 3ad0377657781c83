package io.tributary.training.retrieval;

import io.tributary.training.retrieval.internal.HnswStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Records searchable by meaning: each record's embedding in a Lucene HNSW graph on disk (one folder), its id and its
 * text stored beside it. Open it once and search it from any thread.
 */
public final class RetrievalIndex implements AutoCloseable {

    private final HnswStore store;
    private final TextEmbedder embedder;

    RetrievalIndex(HnswStore store, TextEmbedder embedder) {
        this.store = store;
        this.embedder = embedder;
    }

    static RetrievalIndex open(Path directory, TextEmbedder embedder) throws IOException {
        HnswStore store = HnswStore.open(directory);
        if (!store.embedder().equals(embedder.name())) {
            String built = store.embedder();
            store.close();
            throw new IllegalArgumentException(
                    "The index in " + directory + " was built with " + built + ", not " + embedder.name());
        }
        return new RetrievalIndex(store, embedder);
    }

    /** The {@code k} records nearest in meaning to the query, nearest first. */
    public List<RetrievedRecord> search(String query, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1");
        return store.nearest(embedder.embed(query), k);
    }

    /** The stored texts of the ids the index holds, in the order asked (unknown ids are left out). */
    public Map<String, String> texts(List<String> ids) {
        return store.texts(ids);
    }

    public int size() {
        return store.size();
    }

    /** The embedder the index was built with. */
    public String embedder() {
        return store.embedder();
    }

    @Override
    public void close() {
        store.close();
    }
}
