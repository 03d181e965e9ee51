package io.dayshift.adapter.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagesTest {

    private final List<String> items = IntStream.rangeClosed(1, 7).mapToObj(i -> "id-" + i).toList();
    private final List<String> requests = new ArrayList<>();

    /** Answers like Nova: the items after the marker, at most min(limit, maxLimit). */
    private List<String> page(Optional<String> marker, int limit, int maxLimit) {
        requests.add(marker.orElse("-") + "/" + limit);
        int from = marker.map(m -> items.indexOf(m) + 1).orElse(0);
        return items.subList(from, Math.min(items.size(), from + Math.min(limit, maxLimit)));
    }

    @Test
    void followsMarkersUntilAnEmptyPage() {
        List<String> all = Pages.all(3, (marker, limit) -> page(marker, limit, 1000), Function.identity());

        assertThat(all).isEqualTo(items);
        assertThat(requests).containsExactly("-/3", "id-3/3", "id-6/3", "id-7/3");
    }

    @Test
    void aServerSideCapBelowTheLimitDoesNotEndTheListingEarly() {
        List<String> all = Pages.all(5, (marker, limit) -> page(marker, limit, 2), Function.identity());

        assertThat(all).isEqualTo(items);
    }

    @Test
    void refusesToLoopOnARepeatedMarker() {
        assertThatThrownBy(() -> Pages.all(2, (marker, limit) -> List.of("a", "b"), Function.identity()))
                .hasMessageContaining("repeated marker b");
    }
}
