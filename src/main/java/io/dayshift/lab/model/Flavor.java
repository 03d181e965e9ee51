package io.dayshift.lab.model;

import java.util.Map;

/**
 * An instance's flavor.
 *
 * @param extraSpecs its extra specs; {@code aggregate_instance_extra_specs:<key>} pins its instances to the hosts of
 *                   aggregates whose metadata has {@code <key>} with that value (Nova's AggregateInstanceExtraSpecsFilter)
 */
public record Flavor(String id, String name, int vcpus, long ramMib, long diskGib, Map<String, String> extraSpecs) {

    public Flavor {
        extraSpecs = extraSpecs == null ? Map.of() : Map.copyOf(extraSpecs);
    }

    public Flavor(String id, String name, int vcpus, long ramMib, long diskGib) {
        this(id, name, vcpus, ramMib, diskGib, Map.of());
    }
}
