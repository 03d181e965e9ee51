package io.dayshift.compute;

import java.util.List;
import java.util.Map;

/**
 * A Nova host aggregate ({@code GET /os-aggregates}): hosts grouped under metadata. A flavor whose extra specs name
 * {@code aggregate_instance_extra_specs:<key>} pins its instances to hosts of aggregates whose metadata has that key with
 * that value (Nova's AggregateInstanceExtraSpecsFilter; a metadata value may list several, comma-separated).
 *
 * @param metadata its metadata, {@code availability_zone} included when the aggregate defines a zone
 */
public record HostAggregate(String name, List<String> hosts, Map<String, String> metadata) {

    public HostAggregate {
        hosts = List.copyOf(hosts);
        metadata = Map.copyOf(metadata);
    }
}
