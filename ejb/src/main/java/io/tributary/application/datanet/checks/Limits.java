package io.tributary.application.datanet.checks;

/**
 * What one contribution file may contain.
 *
 * @param maxBytes   size cap; reading stops and the file is rejected once it is passed
 * @param maxRecords record cap; the file is rejected when it would produce more
 * @param chunking   how documents are split into records
 */
public record Limits(long maxBytes, int maxRecords, Chunking chunking) {

    /** 64 MiB, 200,000 records, {@link Chunking#DEFAULT}. */
    public static final Limits DEFAULT = new Limits(64L * 1024 * 1024, 200_000, Chunking.DEFAULT);

    public Limits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive, got " + maxRecords);
        }
        if (chunking == null) {
            throw new IllegalArgumentException("chunking is required");
        }
    }

    /** A copy with another size cap. */
    public Limits withMaxBytes(long bytes) {
        return new Limits(bytes, maxRecords, chunking);
    }

    /** A copy with another record cap. */
    public Limits withMaxRecords(int records) {
        return new Limits(maxBytes, records, chunking);
    }

    /** A copy with another chunking. */
    public Limits withChunking(Chunking other) {
        return new Limits(maxBytes, maxRecords, other);
    }
}
