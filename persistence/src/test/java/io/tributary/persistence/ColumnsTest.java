package io.tributary.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.persistence.datanet.Visibility;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    private final Columns columns = Columns.builder()
            .text("name", "d.name")
            .choice("visibility", "d.visibility", Visibility.class)
            .sortOnly("created", "d.createdAt")
            .build();

    @Test
    void undeclaredSortAndFiltersNeverReachTheQuery() {
        ListQuery asked = new ListQuery(
                PageRequest.FIRST,
                "d.id; drop table x",
                true,
                Map.of("secret", "x", "name", "  cardio ", "created", "1"));
        ListQuery accepted = columns.accept(asked);
        assertThat(accepted.sortField()).isNull();
        assertThat(accepted.descending()).isFalse();
        assertThat(accepted.filters()).containsOnly(Map.entry("name", "cardio"));
        assertThat(columns.orderBy(asked, "d.name, d.id")).isEqualTo(" order by d.name, d.id");
        assertThat(columns.where(asked)).isEqualTo(" and lower(d.name) like :f_name escape '!'");
    }

    @Test
    void aDeclaredColumnSortsBeforeTheStableOrderAndFilters() {
        ListQuery asked =
                ListQuery.of(PageRequest.FIRST).sorted("created", true).filtered("visibility", "public");
        assertThat(columns.orderBy(asked, "d.id")).isEqualTo(" order by d.createdAt desc, d.id");
        assertThat(columns.where(asked)).isEqualTo(" and d.visibility = :f_visibility");
        assertThat(columns.sortable()).containsExactlyInAnyOrder("name", "visibility", "created");
        assertThat(columns.filterable()).containsExactlyInAnyOrder("name", "visibility");
    }
}
