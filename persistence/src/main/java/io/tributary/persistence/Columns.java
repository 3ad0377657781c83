package io.tributary.persistence;

import jakarta.persistence.Query;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The columns of a list that people may sort and filter by, each mapped to its JPQL expression. A repository declares
 * one per list; services hand it to the pages, which offer exactly these columns. Field names never reach a query:
 * only the declared expressions do, and filter values are bound as parameters.
 */
public final class Columns {

    /** A list that neither sorts nor filters by column. */
    public static final Columns NONE = new Columns(Map.of());

    /** A column: its JPQL expression, whether it sorts, and how it filters (or not). */
    public record Column(String expression, boolean sortable, Filter filter, Class<? extends Enum<?>> choices) {}

    /** How a column filters: not at all, by a case-insensitive substring, or by one exact choice of an enum. */
    public enum Filter {
        NONE,
        CONTAINS,
        CHOICE
    }

    private static final Pattern FIELD = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,40}");

    private final Map<String, Column> columns;

    private Columns(Map<String, Column> columns) {
        this.columns = Map.copyOf(columns);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Declares columns in a fluent way: {@code Columns.builder().text("name", "d.name").sortOnly("created", "d.createdAt")}. */
    public static final class Builder {
        private final Map<String, Column> columns = new LinkedHashMap<>();

        /** Sorts, and filters by a case-insensitive substring. */
        public Builder text(String field, String expression) {
            return add(field, new Column(expression, true, Filter.CONTAINS, null));
        }

        /** Sorts, and filters by one of an enum's constants. */
        public Builder choice(String field, String expression, Class<? extends Enum<?>> type) {
            return add(field, new Column(expression, true, Filter.CHOICE, type));
        }

        /** Sorts only (numbers, times). */
        public Builder sortOnly(String field, String expression) {
            return add(field, new Column(expression, true, Filter.NONE, null));
        }

        private Builder add(String field, Column column) {
            if (!FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("a column name is a plain word: " + field);
            }
            columns.put(field, column);
            return this;
        }

        public Columns build() {
            return new Columns(columns);
        }
    }

    public Set<String> sortable() {
        return columns.entrySet().stream()
                .filter(e -> e.getValue().sortable())
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public Set<String> filterable() {
        return columns.entrySet().stream()
                .filter(e -> e.getValue().filter() != Filter.NONE)
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The query with what this list does not declare dropped: unknown sort columns, unknown or blank filters. */
    public ListQuery accept(ListQuery query) {
        String sort = query.sortField() != null
                        && columns.containsKey(query.sortField())
                        && columns.get(query.sortField()).sortable()
                ? query.sortField()
                : null;
        Map<String, String> filters = new LinkedHashMap<>();
        query.filters().forEach((field, value) -> {
            Column column = columns.get(field);
            if (column != null && column.filter() != Filter.NONE && value != null && !value.isBlank()) {
                filters.put(field, value.strip());
            }
        });
        return new ListQuery(query.page(), sort, sort != null && query.descending(), filters);
    }

    /**
     * The JPQL conditions for the query's filters, each starting with {@code " and "}, to append to a where clause.
     * A choice that names no constant of its enum matches no row.
     */
    public String where(ListQuery query) {
        StringBuilder where = new StringBuilder();
        for (String field : accept(query).filters().keySet()) {
            Column column = columns.get(field);
            where.append(" and ");
            if (column.filter() == Filter.CONTAINS) {
                where.append("lower(")
                        .append(column.expression())
                        .append(") like :f_")
                        .append(field)
                        .append(" escape '!'");
            } else {
                where.append(column.expression()).append(" = :f_").append(field);
            }
        }
        return where.toString();
    }

    /** {@code " order by "}: the sorted column (if declared) and then the list's own stable order. */
    public String orderBy(ListQuery query, String stableOrder) {
        ListQuery accepted = accept(query);
        if (accepted.sortField() == null) {
            return " order by " + stableOrder;
        }
        return " order by " + columns.get(accepted.sortField()).expression()
                + (accepted.descending() ? " desc" : " asc") + ", " + stableOrder;
    }

    /** Binds the filter values {@link #where} names; returns the same query. */
    public <Q extends Query> Q bind(Q jpql, ListQuery query) {
        accept(query).filters().forEach((field, value) -> {
            Column column = columns.get(field);
            if (column.filter() == Filter.CONTAINS) {
                jpql.setParameter("f_" + field, "%" + escapeLike(value.toLowerCase(Locale.ROOT)) + "%");
            } else {
                jpql.setParameter("f_" + field, constant(column.choices(), value));
            }
        });
        return jpql;
    }

    private static String escapeLike(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The constant a choice names, or null (which equals no row) when it names none. */
    private static Object constant(Class<? extends Enum<?>> type, String value) {
        return List.of(type.getEnumConstants()).stream()
                .filter(c -> c.name().equalsIgnoreCase(value))
                .findFirst()
                .orElse(null);
    }
}
