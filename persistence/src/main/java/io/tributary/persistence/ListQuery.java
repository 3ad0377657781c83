package io.tributary.persistence;

import java.util.Map;

/**
 * One page of a list as a person asked for it in a table: the page, the column they sorted by (or none) and the
 * filters they typed (column to value). Columns are names a service declares in its {@link Columns}; anything else is
 * dropped by {@link Columns#accept}, so a request can never name a query path.
 */
public record ListQuery(PageRequest page, String sortField, boolean descending, Map<String, String> filters) {

    public ListQuery {
        if (page == null) {
            throw new IllegalArgumentException("a list query needs a page");
        }
        filters = filters == null ? Map.of() : Map.copyOf(filters);
    }

    /** The page in the list's own stable order, unfiltered. */
    public static ListQuery of(PageRequest page) {
        return new ListQuery(page, null, false, Map.of());
    }

    /** The same query with one more filter. */
    public ListQuery filtered(String field, String value) {
        Map<String, String> more = new java.util.HashMap<>(filters);
        more.put(field, value);
        return new ListQuery(page, sortField, descending, more);
    }

    /** The same query sorted by a column. */
    public ListQuery sorted(String field, boolean descending) {
        return new ListQuery(page, field, descending, filters);
    }

    public String filter(String field) {
        return filters.get(field);
    }
}
