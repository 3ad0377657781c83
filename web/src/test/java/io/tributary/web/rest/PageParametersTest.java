package io.tributary.web.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.application.InvalidInput;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Paging parameters: defaults, bounds, and the retired {@code max}. */
class PageParametersTest {

    private static PageParameters of(String page, String size, String max) {
        PageParameters parameters = new PageParameters();
        parameters.page = page;
        parameters.size = size;
        parameters.max = max;
        return parameters;
    }

    @Test
    void defaultsToTheFirstPageOfFifty() {
        assertThat(of(null, null, null).request()).isEqualTo(new PageRequest(1, 50));
        assertThat(of("3", "200", null).request()).isEqualTo(new PageRequest(3, 200));
    }

    @Test
    void refusesSizesOutsideTheBoundsNonNumbersAndMax() {
        for (String[] bad : new String[][] {{"1", "201"}, {"1", "0"}, {"0", "10"}, {"x", "10"}, {"1", "ten"}}) {
            assertThatThrownBy(() -> of(bad[0], bad[1], null).request())
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining(bad[0].equals("1") ? "page size" : "page");
        }
        assertThatThrownBy(() -> of(null, null, "1000").request())
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("Lists are paged");
    }

    @Test
    void slicesWalkEveryItemOnceAndKnowWhetherMoreFollow() {
        List<Integer> items = IntStream.range(0, 7).boxed().toList();
        Page<Integer> first = Page.slice(items, new PageRequest(1, 3));
        Page<Integer> last = Page.slice(items, new PageRequest(3, 3));
        assertThat(first.items()).containsExactly(0, 1, 2);
        assertThat(first.hasNext()).isTrue();
        assertThat(last.items()).containsExactly(6);
        assertThat(last.hasNext()).isFalse();
        assertThat(Page.slice(items, new PageRequest(4, 3)).items()).isEmpty();
        assertThat(PageRequest.at(50, 25)).isEqualTo(new PageRequest(3, 25));
    }
}
