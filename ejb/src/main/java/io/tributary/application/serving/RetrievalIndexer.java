package io.tributary.application.serving;

import io.tributary.application.events.EventObserver;
import io.tributary.application.factory.ModelFiles;
import io.tributary.application.factory.ModelPublished;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Builds the retrieval index of a version published with retrieval when the outbox delivers its
 * {@link ModelPublished}, so its first question does not wait for the records to be embedded. Idempotent: an index on
 * disk is kept.
 */
@Stateless
public class RetrievalIndexer implements EventObserver<ModelPublished> {

    @Inject
    ModelFiles files;

    @Inject
    RecordRetrieval retrieval;

    @Override
    public void observe(ModelPublished published) {
        if (published.retrievalTopK() == null) return;
        files.runOf(published.versionId()).ifPresent(retrieval::build);
    }
}
