package io.tributary.application.serving;

import java.io.IOException;
import java.time.Instant;

/**
 * Receives an answer while it is generated, on the request's own thread. Throwing {@link IOException} (the client
 * went away) cancels every sequence of the request; what was generated until then is recorded and billed.
 */
public interface AnswerStream {

    /** Before the first piece: the answer's id and model. */
    void start(String id, String model, Instant created) throws IOException;

    /** More text of one choice. */
    void piece(int choice, String text) throws IOException;

    /** A choice ended: "stop" or "length". */
    void finish(int choice, String finishReason) throws IOException;

    /** Ignores everything: for answers sent whole. */
    static AnswerStream none() {
        return new AnswerStream() {
            @Override
            public void start(String id, String model, Instant created) {}

            @Override
            public void piece(int choice, String text) {}

            @Override
            public void finish(int choice, String finishReason) {}
        };
    }
}
