package io.tributary.web.shell;

import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * A PrimeFaces table that loads one page at a time through the same paged queries as the API ({@code lazy="true"}):
 * the database sorts, filters and limits, never the page's memory. A list that sorts or filters by column overrides
 * {@link #columns()} with the {@link Columns} its service declares and {@link #page(ListQuery)}; the page names the
 * same fields on its columns ({@code <p:column field="name" sortable="true" filterable="true">}). Columns the service
 * does not declare are dropped before the query is built.
 */
public abstract class PagedTable<T> extends LazyDataModel<T> {

    /** One page of the list in its own stable order. */
    protected Page<T> page(PageRequest request) {
        throw new UnsupportedOperationException("override page(PageRequest) or page(ListQuery)");
    }

    /** One page of the list with the table's column filters (field to value); tables without filters ignore them. */
    protected Page<T> page(PageRequest request, Map<String, String> filters) {
        return page(request);
    }

    /** One page of the list sorted and filtered as the person asked, within {@link #columns()}. */
    protected Page<T> page(ListQuery query) {
        return page(query.page(), query.filters());
    }

    /** The columns this list sorts and filters by; none unless the list's service declares some. */
    protected Columns columns() {
        return Columns.NONE;
    }

    /** A row's unique key, for selection. */
    protected abstract Object key(T row);

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(
                Integer.MAX_VALUE,
                page(query(new PageRequest(1, 1), Map.of(), filterBy)).total());
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        Page<T> page = page(query(PageRequest.at(first, pageSize), sortBy, filterBy));
        setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
        return page.items();
    }

    private ListQuery query(PageRequest request, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        String sortField = null;
        boolean descending = false;
        if (sortBy != null) {
            for (SortMeta meta : sortBy.values()) {
                if (meta.getOrder() != null && meta.getOrder() != SortOrder.UNSORTED && meta.getField() != null) {
                    sortField = meta.getField();
                    descending = meta.getOrder() == SortOrder.DESCENDING;
                    break;
                }
            }
        }
        ListQuery query = new ListQuery(request, sortField, descending, values(filterBy));
        // Lists without declared columns keep their own filter handling (field to value, as typed).
        return columns() == Columns.NONE ? query : columns().accept(query);
    }

    private static Map<String, String> values(Map<String, FilterMeta> filterBy) {
        Map<String, String> values = new HashMap<>();
        if (filterBy != null) {
            filterBy.forEach((field, meta) -> {
                Object value = meta.getFilterValue();
                if (value != null && !String.valueOf(value).isBlank()) {
                    values.put(field, String.valueOf(value).strip());
                }
            });
        }
        return values;
    }

    @Override
    public String getRowKey(T row) {
        return String.valueOf(key(row));
    }

    @Override
    public T getRowData(String rowKey) {
        List<T> loaded = getWrappedData();
        return loaded == null
                ? null
                : loaded.stream()
                        .filter(row -> Objects.equals(getRowKey(row), rowKey))
                        .findFirst()
                        .orElse(null);
    }
}
