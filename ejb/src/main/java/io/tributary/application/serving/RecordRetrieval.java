package io.tributary.application.serving;

import io.tributary.application.datanet.ContributionOrigins;
import io.tributary.application.factory.TrainedRuns;
import io.tributary.application.factory.TrainedRuns.TrainedRun;
import io.tributary.application.factory.TrainingText;
import io.tributary.training.retrieval.Retrieval;
import io.tributary.training.retrieval.RetrievalIndex;
import io.tributary.training.retrieval.RetrievedRecord;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Retrieval over the records a run was trained on (its DataNet releases), for the versions published with retrieval:
 * each record's MiniLM embedding in a Lucene HNSW index under {@code factory/runs/<run>/retrieval}, built when such a
 * version is published ({@link RetrievalIndexer}) or on its first question, then searched for each question. Keeps
 * the last few runs' indexes open. A question only retrieves records its asker's organization may read in their
 * DataNet now: a public model trained on a private DataNet (or on one made private since) shows other organizations
 * none of its text.
 */
@ApplicationScoped
public class RecordRetrieval {

    private static final Logger LOG = Logger.getLogger(RecordRetrieval.class.getName());

    private static final int OPEN = 8;

    /** How many nearest records are searched per record asked for, so that unreadable ones can be left out. */
    private static final int CANDIDATES_PER_RECORD = 8;

    @Inject
    TrainedRuns runs;

    @Inject
    ContributionOrigins origins;

    private final Map<UUID, RetrievalIndex> open = new LinkedHashMap<>(8, 0.75f, true);

    public static Path directory(Path runDirectory) {
        return runDirectory.resolve("retrieval");
    }

    /**
     * The {@code k} records of the run nearest in meaning to the query that the reader's organization may read (fewer
     * when the nearest candidates are not readable), nearest first.
     */
    public List<RetrievedRecord> retrieve(UUID runId, String query, int k, UUID reader) {
        RetrievalIndex index = index(runId);
        List<RetrievedRecord> candidates =
                LibraryThreads.call(() -> index.search(query, Math.min(index.size(), k * CANDIDATES_PER_RECORD)));
        Set<UUID> readable = origins.readableBy(
                reader, candidates.stream().map(r -> UUID.fromString(r.id())).toList());
        return candidates.stream()
                .filter(r -> readable.contains(UUID.fromString(r.id())))
                .limit(k)
                .toList();
    }

    /** The indexed text of each of the run's records asked for, in the order asked (unknown ids left out). */
    public Map<String, String> texts(UUID runId, List<String> ids) {
        RetrievalIndex index = index(runId);
        return LibraryThreads.call(() -> index.texts(ids));
    }

    /** Builds the run's index unless it is on disk already; returns the number of records it holds. */
    public int build(UUID runId) {
        return index(runId).size();
    }

    private synchronized RetrievalIndex index(UUID runId) {
        RetrievalIndex index = open.get(runId);
        if (index != null) return index;
        TrainedRun run = runs.completed(runId)
                .orElseThrow(() -> new IllegalStateException("Run " + runId + " is not a completed run"));
        Path dir = directory(run.runDirectory());
        index = LibraryThreads.call(() -> {
            try {
                if (Retrieval.exists(dir)) return Retrieval.open(dir, Retrieval.miniLm());
                long started = System.nanoTime();
                Set<String> seen = new LinkedHashSet<>();
                List<String> ids = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (TrainingText t : run.texts()) {
                    if (!seen.add(t.recordId())) continue;
                    ids.add(t.recordId());
                    texts.add(t.isInstruction() ? t.instruction() + "\n" + t.response() : t.document());
                }
                RetrievalIndex built = Retrieval.build(dir, ids, texts, Retrieval.miniLm());
                LOG.info(String.format(
                        java.util.Locale.ROOT,
                        "Retrieval index of run %s: %d records in %.1f s",
                        runId,
                        ids.size(),
                        (System.nanoTime() - started) / 1e9));
                return built;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        open.put(runId, index);
        while (open.size() > OPEN) {
            var eldest = open.entrySet().iterator().next();
            open.remove(eldest.getKey());
            eldest.getValue().close();
        }
        return index;
    }

    @PreDestroy
    synchronized void close() {
        open.values().forEach(RetrievalIndex::close);
        open.clear();
    }
}
