package io.dayshift.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lab's per-target counts of one site's changing actions, made comparable between two sites of the same topology:
 * the site's name and run-specific stamps (a backup set's date and time) in a target are replaced, so that
 * {@code pg_dump} of {@code kill-backup-site-20261207-1412…} and of {@code base-backup-site-20261207-1405…} are one key.
 */
record Counts(Map<String, Long> byActionAndTarget) {

    static Counts of(JsonNode allSites, String site) {
        Map<String, Long> counts = new TreeMap<>();
        allSites.path(site).fields().forEachRemaining(action -> action.getValue().fields().forEachRemaining(target ->
                counts.merge(action.getKey() + " " + normalise(target.getKey(), site), target.getValue().asLong(), Long::sum)));
        return new Counts(counts);
    }

    private static String normalise(String target, String site) {
        return target.replace(site, "<site>").replaceAll("\\d{4}-?\\d{2}-?\\d{2}T?-?\\d{2}:?\\d{2}:?\\d{2}(\\.\\d+)?Z?", "<time>")
                .replaceAll("\\d{6,}", "<n>");
    }

    long total() {
        return byActionAndTarget.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every action and target counted more often here than in {@code baseline}, with both counts. */
    List<String> moreThan(Counts baseline) {
        List<String> more = new ArrayList<>();
        byActionAndTarget.forEach((key, count) -> {
            long expected = baseline.byActionAndTarget.getOrDefault(key, 0L);
            if (count > expected) {
                more.add(key + ": " + count + " (without faults: " + expected + ")");
            }
        });
        return more;
    }
}
