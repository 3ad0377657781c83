package io.tributary.training.retrieval.internal;

import io.tributary.training.retrieval.RetrievedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Records and their embeddings in one Lucene index on disk: the id (a keyword), the text (stored) and the vector in
 * Lucene's HNSW graph under cosine similarity. Written once in one segment, so a search is repeatable.
 */
public final class HnswStore implements AutoCloseable {

    static final String ID = "id";
    static final String TEXT = "text";
    static final String VECTOR = "vector";
    static final String EMBEDDER = "embedder";

    /** The HNSW search's beam (ef): a beam of only k can stop at a local optimum of a small graph. */
    static final int CANDIDATES = 100;

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final String embedder;

    private HnswStore(Directory directory) throws IOException {
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
        this.embedder = reader.getIndexCommit().getUserData().getOrDefault(EMBEDDER, "");
    }

    /** Writes the index into {@code target} (which must not exist) through a sibling folder moved into place. */
    public static void write(Path target, List<String> ids, List<String> texts, List<float[]> vectors, String embedder)
            throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        if (Files.exists(part)) {
            try (var files = Files.walk(part)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Files.createDirectories(part);
        IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        // One thread, one segment: the HNSW graph (seeded level assignment) comes out the same every time.
        config.setRAMBufferSizeMB(256);
        try (Directory dir = FSDirectory.open(part);
                IndexWriter writer = new IndexWriter(dir, config)) {
            for (int i = 0; i < ids.size(); i++) {
                Document d = new Document();
                d.add(new StringField(ID, ids.get(i), Field.Store.YES));
                d.add(new StoredField(TEXT, texts.get(i)));
                d.add(new KnnFloatVectorField(VECTOR, vectors.get(i), VectorSimilarityFunction.COSINE));
                writer.addDocument(d);
            }
            writer.forceMerge(1);
            writer.setLiveCommitData(Map.of(EMBEDDER, embedder).entrySet());
            writer.commit();
        }
        Files.move(part, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static HnswStore open(Path directory) throws IOException {
        return new HnswStore(FSDirectory.open(directory));
    }

    public String embedder() {
        return embedder;
    }

    public int size() {
        return reader.numDocs();
    }

    /** The {@code k} nearest records to the vector, nearest first, with their cosine similarity. */
    public List<RetrievedRecord> nearest(float[] vector, int k) {
        try {
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, vector, Math.max(k, CANDIDATES)), k);
            List<RetrievedRecord> found = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = searcher.storedFields().document(sd.doc);
                // Lucene scores cosine as (1 + cos) / 2.
                found.add(new RetrievedRecord(d.get(ID), d.get(TEXT), 2.0 * sd.score - 1.0));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored text of each id found, in the order asked. */
    public Map<String, String> texts(List<String> ids) {
        Map<String, String> texts = new LinkedHashMap<>();
        try {
            for (String id : ids) {
                TopDocs top = searcher.search(new TermQuery(new Term(ID, id)), 1);
                if (top.scoreDocs.length > 0) {
                    texts.put(
                            id,
                            searcher.storedFields()
                                    .document(top.scoreDocs[0].doc)
                                    .get(TEXT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
