package io.dayshift.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lab's counts of one site's changing actions, made comparable between two sites of the same topology. A target's
 * name is not (a server's id is drawn per site, a backup set is named after its site and time), so each action keeps its
 * per-target counts, highest first: a site ran an action more often than another when it ran it on more targets, or its
 * n-th most acted-on target more often than the other's n-th ({@code live-migration [2, 1, 1]} against {@code [1, 1, 1]}).
 */
record Counts(Map<String, List<Long>> byAction) {

    static Counts of(JsonNode allSites, String site) {
        Map<String, List<Long>> counts = new TreeMap<>();
        allSites.path(site).properties().forEach(action -> {
            List<Long> perTarget = new ArrayList<>();
            action.getValue().properties().forEach(target -> perTarget.add(target.getValue().asLong()));
            perTarget.sort(Comparator.reverseOrder());
            counts.put(action.getKey(), perTarget);
        });
        return new Counts(counts);
    }

    long total() {
        return byAction.values().stream().flatMap(List::stream).mapToLong(Long::longValue).sum();
    }

    /** Every action this site ran more often than {@code baseline}'s, with both sites' per-target counts. */
    List<String> moreThan(Counts baseline) {
        List<String> more = new ArrayList<>();
        byAction.forEach((action, counts) -> {
            List<Long> expected = baseline.byAction.getOrDefault(action, List.of());
            boolean exceeds = counts.size() > expected.size();
            for (int i = 0; i < counts.size() && !exceeds; i++) {
                exceeds = counts.get(i) > expected.get(i);
            }
            if (exceeds) {
                more.add(action + " " + counts + " (without faults: " + expected + ")");
            }
        });
        return more;
    }
}
