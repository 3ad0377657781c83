package io.tributary.web.shell;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * A PrimeFaces table that loads one page at a time through the same paged queries as the API ({@code lazy="true"}):
 * the database sorts (in each list's fixed, stable order) and limits, never the page's memory.
 */
public abstract class PagedTable<T> extends LazyDataModel<T> {

    /** One page of the list. */
    protected abstract Page<T> page(PageRequest request);

    /** One page of the list with the table's column filters (field to value); tables without filters ignore them. */
    protected Page<T> page(PageRequest request, Map<String, String> filters) {
        return page(request);
    }

    /** A row's unique key, for selection. */
    protected abstract Object key(T row);

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(
                Integer.MAX_VALUE, page(new PageRequest(1, 1), values(filterBy)).total());
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        Page<T> page = page(PageRequest.at(first, pageSize), values(filterBy));
        setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
        return page.items();
    }

    private static Map<String, String> values(Map<String, FilterMeta> filterBy) {
        Map<String, String> values = new java.util.HashMap<>();
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
