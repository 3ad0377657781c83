package io.tributary.application.datanet.checks;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs a RecordReader over test bytes and keeps what it reported. */
final class Uploads {

    final List<ParsedRecord> records = new ArrayList<>();
    final List<LineError> errors = new ArrayList<>();
    RecordReader reader;

    static Uploads read(RecordType type, SourceFormat format, String content) throws FileRejected, IOException {
        return read(type, format, content.getBytes(StandardCharsets.UTF_8), Limits.DEFAULT);
    }

    static Uploads read(RecordType type, SourceFormat format, byte[] content, Limits limits)
            throws FileRejected, IOException {
        return read(type, format, new ByteArrayInputStream(content), limits);
    }

    static Uploads read(RecordType type, SourceFormat format, InputStream in, Limits limits)
            throws FileRejected, IOException {
        Uploads upload = new Uploads();
        upload.reader = RecordReader.open(type, format, in, limits);
        upload.reader.read(upload.records::add, upload.errors::add);
        return upload;
    }

    List<Integer> errorLines() {
        return errors.stream().map(LineError::line).toList();
    }

    List<String> messages() {
        return errors.stream().map(LineError::message).toList();
    }

    /** Counts the bytes actually pulled from the underlying stream. */
    static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** An endless source of the same line, so a test can prove reading stops at the cap. */
    static final class EndlessLines extends InputStream {
        private final byte[] line;
        private int position;

        EndlessLines(String line) {
            this.line = line.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            int b = line[position] & 0xFF;
            position = (position + 1) % line.length;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }
}
