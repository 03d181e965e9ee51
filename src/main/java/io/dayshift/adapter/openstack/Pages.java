package io.dayshift.adapter.openstack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Collects every page of a {@code limit}/{@code marker} listing: ask for {@code limit} items after the
 * last id seen until a page comes back empty. A short page is not taken as the end, because Nova
 * silently caps {@code limit} at its {@code [api] max_limit} (1000 by default, often lower): a page of
 * 500 may be a full page. The loop refuses to go round on a marker it has already used.
 */
final class Pages {

    private Pages() {
    }

    /**
     * @param fetch (marker, limit) → one page
     * @param id    the id of an item, which becomes the next marker
     */
    static <T> List<T> all(int limit, BiFunction<Optional<String>, Integer, List<T>> fetch, Function<T, String> id) {
        List<T> all = new ArrayList<>();
        Set<String> usedMarkers = new HashSet<>();
        Optional<String> marker = Optional.empty();
        while (true) {
            List<T> page = fetch.apply(marker, limit);
            all.addAll(page);
            if (page.isEmpty()) {
                return all;
            }
            String next = id.apply(page.get(page.size() - 1));
            if (!usedMarkers.add(next)) {
                throw new IllegalStateException("pagination repeated marker " + next);
            }
            marker = Optional.of(next);
        }
    }
}
