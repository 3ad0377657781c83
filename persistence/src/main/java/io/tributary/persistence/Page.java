package io.tributary.persistence;

import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.function.Function;

/** One page of a list with the total number of rows, so callers know whether another page follows. */
public record Page<T>(List<T> items, PageRequest request, long total) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * Runs a list query for one page and its count query; the list query must order by a unique key last (the id), or
     * rows with equal sort keys could move between pages.
     */
    public static <T> Page<T> of(TypedQuery<T> list, TypedQuery<Long> count, PageRequest request) {
        List<T> items = list.setFirstResult(request.offset())
                .setMaxResults(request.size())
                .getResultList();
        long total = items.size() < request.size() && (request.page() == 1 || !items.isEmpty())
                ? request.offset() + items.size()
                : count.getSingleResult();
        return new Page<>(items, request, total);
    }

    /** One page of a short list that is already sorted in memory (lists bounded by design, such as API keys). */
    public static <T> Page<T> slice(List<T> sorted, PageRequest request) {
        int from = Math.min(request.offset(), sorted.size());
        int to = Math.min(from + request.size(), sorted.size());
        return new Page<>(sorted.subList(from, to), request, sorted.size());
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapping) {
        return new Page<>(items.stream().<R>map(mapping).toList(), request, total);
    }

    /** The same page with its items replaced, for views built from the whole page at once. */
    public <R> Page<R> withItems(List<R> replaced) {
        return new Page<>(replaced, request, total);
    }

    public boolean hasNext() {
        return (long) request.offset() + items.size() < total;
    }
}
