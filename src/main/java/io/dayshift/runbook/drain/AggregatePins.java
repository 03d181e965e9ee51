package io.dayshift.runbook.drain;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What Nova's AggregateInstanceExtraSpecsFilter makes of a flavor's extra specs: each
 * {@code aggregate_instance_extra_specs:<key>=<value>} pins the instance to hosts in an aggregate whose metadata has
 * {@code <key>} with that value (a metadata value may list several, comma-separated).
 */
final class AggregatePins {

    static final String SCOPE = "aggregate_instance_extra_specs:";

    private AggregatePins() {
    }

    /** The metadata an instance of a flavor with these extra specs requires of its host's aggregates: key → value. */
    static Map<String, String> of(Map<String, String> extraSpecs) {
        Map<String, String> pins = new TreeMap<>();
        extraSpecs.forEach((key, value) -> {
            if (key.startsWith(SCOPE)) {
                pins.put(key.substring(SCOPE.length()), value.strip());
            }
        });
        return pins;
    }

    /** Whether a host whose aggregates carry {@code metadata} (key → every value any of them gives) meets {@code pins}. */
    static boolean met(Map<String, String> pins, Map<String, Set<String>> metadata) {
        return pins.entrySet().stream().allMatch(p -> metadata.getOrDefault(p.getKey(), Set.of()).contains(p.getValue()));
    }

    /** Adds an aggregate's metadata to a host's: every comma-separated value of every key. */
    static void add(Map<String, Set<String>> hostMetadata, Map<String, String> aggregateMetadata) {
        aggregateMetadata.forEach((key, value) -> hostMetadata.computeIfAbsent(key, k -> new java.util.TreeSet<>())
                .addAll(Arrays.stream(value.split(",")).map(String::strip).collect(Collectors.toSet())));
    }

    /** {@code gpu=a100, ssd=true}: how a plan names a set of pins, by key (the maps that carry pins keep no order). */
    static String describe(Map<String, String> pins) {
        return new TreeMap<>(pins).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
