package io.tributary.persistence;

/**
 * One page of a list: a 1-based page number and a size of at most {@link #MAX_SIZE}. Every list answers in a stable
 * order (its sort key, then the row id), so walking the pages neither skips nor repeats a row.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public static final PageRequest FIRST = new PageRequest(1, DEFAULT_SIZE);

    public PageRequest {
        if (page < 1 || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page from 1, size from 1 to " + MAX_SIZE + ": " + page + "/" + size);
        }
    }

    /** The page that holds row {@code first} (0-based) when pages have {@code size} rows, as lazy tables ask. */
    public static PageRequest at(int first, int size) {
        int bounded = Math.max(1, Math.min(size, MAX_SIZE));
        return new PageRequest(first / bounded + 1, bounded);
    }

    /** The 0-based index of this page's first row. */
    public int offset() {
        return (page - 1) * size;
    }
}
