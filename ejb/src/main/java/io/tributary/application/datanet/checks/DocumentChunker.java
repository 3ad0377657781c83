package io.tributary.application.datanet.checks;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits a document into chunks of at most {@link Chunking#maxChars()} characters, each a record.
 *
 * <p>A chunk ends, in order of preference, at the last paragraph break, the last sentence end or
 * the last space in its second half (so chunks stay reasonably full); only a single "word" longer
 * than the whole chunk is cut mid-word. The next chunk starts {@link Chunking#overlapChars()}
 * before the cut, moved forward to the next word start. Text is processed as it arrives, so only
 * about two chunks are ever held in memory.
 */
public final class DocumentChunker {

    private final Chunking chunking;

    public DocumentChunker(Chunking chunking) {
        this.chunking = chunking;
    }

    /** All chunks of {@code text}; for documents small enough to hold in memory. */
    public List<String> chunk(String text) {
        List<String> chunks = new ArrayList<>();
        try (Feed feed = feed(chunks::add)) {
            feed.write(text);
        }
        return chunks;
    }

    /** Reads {@code document} to its end, passing each chunk to {@code chunks} as soon as it is known. */
    public void chunk(Reader document, Consumer<String> chunks) throws IOException {
        char[] buffer = new char[8192];
        try (Feed feed = feed(chunks)) {
            int n;
            while ((n = document.read(buffer)) >= 0) {
                feed.write(buffer, 0, n);
            }
        }
    }

    /** A writer that chunks whatever is written to it; closing it flushes the last chunk. */
    Feed feed(Consumer<String> chunks) {
        return new Feed(chunks);
    }

    /** Push side of the chunker, so text extractors can write straight into it. */
    final class Feed extends Writer {
        private final Consumer<String> chunks;
        private final StringBuilder pending = new StringBuilder();

        private Feed(Consumer<String> chunks) {
            this.chunks = chunks;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            pending.append(cbuf, off, len);
            // Keep one extra chunk's worth buffered so the break search always sees a full window.
            while (pending.length() > 2 * chunking.maxChars()) {
                emitOne();
            }
        }

        @Override
        public void write(String str) {
            write(str.toCharArray(), 0, str.length());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            while (!pending.isEmpty()) {
                if (pending.length() <= chunking.maxChars()) {
                    emit(pending.toString());
                    pending.setLength(0);
                } else {
                    emitOne();
                }
            }
        }

        private void emitOne() {
            int cut = breakPoint();
            emit(pending.substring(0, cut));
            pending.delete(0, nextStart(cut));
        }

        private void emit(String chunk) {
            String trimmed = chunk.strip();
            if (!trimmed.isEmpty()) {
                chunks.accept(trimmed);
            }
        }

        private int breakPoint() {
            int max = chunking.maxChars();
            int floor = max / 2;
            int paragraph = lastParagraphBreak(floor, max);
            if (paragraph > 0) {
                return paragraph;
            }
            int sentence = lastSentenceEnd(floor, max);
            if (sentence > 0) {
                return sentence;
            }
            int space = lastSpace(chunking.overlapChars() + 1, max);
            if (space > 0) {
                return space;
            }
            // One enormous token: cut it, but never between the halves of a surrogate pair.
            return Character.isLowSurrogate(pending.charAt(max)) ? max - 1 : max;
        }

        /** End of the chunk just before a blank line, searching back from {@code max}. */
        private int lastParagraphBreak(int from, int max) {
            for (int i = Math.min(max, pending.length() - 1); i > from; i--) {
                if (pending.charAt(i) == '\n' && previousNonSpaceIsNewline(i)) {
                    return i;
                }
            }
            return -1;
        }

        private boolean previousNonSpaceIsNewline(int newline) {
            for (int j = newline - 1; j >= 0; j--) {
                char c = pending.charAt(j);
                if (c == '\n') {
                    return true;
                }
                if (c != ' ' && c != '\t' && c != '\r') {
                    return false;
                }
            }
            return false;
        }

        /** Position just after sentence-ending punctuation that is followed by whitespace. */
        private int lastSentenceEnd(int from, int max) {
            for (int i = Math.min(max, pending.length() - 1); i > from; i--) {
                char before = pending.charAt(i - 1);
                if (Character.isWhitespace(pending.charAt(i))
                        && (before == '.' || before == '!' || before == '?' || before == '\u3002')) {
                    return i;
                }
            }
            return -1;
        }

        private int lastSpace(int from, int max) {
            for (int i = Math.min(max, pending.length() - 1); i >= from; i--) {
                if (Character.isWhitespace(pending.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }

        /** Where the next chunk starts: {@code overlap} before the cut, moved forward to a word start. */
        private int nextStart(int cut) {
            int start = cut - chunking.overlapChars();
            if (start >= cut) {
                return cut;
            }
            while (start < cut && !Character.isWhitespace(pending.charAt(start - 1))) {
                start++;
            }
            return start;
        }
    }
}
