package io.dayshift.lab.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Nova host aggregate of the lab: hosts grouped under metadata that flavors' extra specs can require.
 *
 * @param id       Nova's integer id
 * @param metadata key → value; a value may list several, comma-separated, as Nova's filter reads it
 */
public record HostAggregate(int id, String uuid, String name, List<String> hosts, Map<String, String> metadata) {

    static final String SCOPE = "aggregate_instance_extra_specs:";

    public HostAggregate {
        hosts = List.copyOf(hosts);
        metadata = Map.copyOf(metadata);
    }

    /**
     * Whether Nova's AggregateInstanceExtraSpecsFilter lets {@code flavor} onto {@code host}, given every aggregate of the
     * site: each scoped extra spec must be met by the metadata of some aggregate the host is in.
     */
    static boolean admits(Flavor flavor, String host, List<HostAggregate> aggregates) {
        for (Map.Entry<String, String> spec : flavor.extraSpecs().entrySet()) {
            if (!spec.getKey().startsWith(SCOPE)) {
                continue;
            }
            String key = spec.getKey().substring(SCOPE.length());
            boolean met = aggregates.stream().filter(a -> a.hosts().contains(host)).map(a -> a.metadata().get(key))
                    .anyMatch(value -> value != null && values(value).contains(spec.getValue().strip()));
            if (!met) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> values(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).collect(Collectors.toSet());
    }
}
