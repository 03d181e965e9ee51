package io.dayshift.machine;

import java.util.ArrayList;
import java.util.List;

/**
 * Filters of a machine listing. Within one filter the values are alternatives (any hostname, any status);
 * several tags must all be present. An empty query lists every machine.
 *
 * @param hostnames only these hostnames
 * @param tags      only machines carrying all of these tags
 * @param statuses  only machines in one of these statuses
 * @param zone      only this zone (empty: any)
 * @param pool      only this resource pool (empty: any)
 */
public record MachineQuery(List<String> hostnames, List<String> tags, List<MachineStatus> statuses, String zone, String pool) {

    public MachineQuery {
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
        tags = tags == null ? List.of() : List.copyOf(tags);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        zone = zone == null ? "" : zone;
        pool = pool == null ? "" : pool;
        if (statuses.contains(MachineStatus.UNKNOWN)) {
            throw new IllegalArgumentException("cannot filter machines on status UNKNOWN");
        }
    }

    public static MachineQuery all() {
        return new MachineQuery(List.of(), List.of(), List.of(), "", "");
    }

    public static MachineQuery hostnames(List<String> hostnames) {
        return all().withHostnames(hostnames);
    }

    public MachineQuery withHostnames(List<String> values) {
        return new MachineQuery(concat(hostnames, values), tags, statuses, zone, pool);
    }

    public MachineQuery withTag(String tag) {
        return new MachineQuery(hostnames, concat(tags, List.of(tag)), statuses, zone, pool);
    }

    public MachineQuery withStatus(MachineStatus... values) {
        return new MachineQuery(hostnames, tags, concat(statuses, List.of(values)), zone, pool);
    }

    public MachineQuery inZone(String value) {
        return new MachineQuery(hostnames, tags, statuses, value, pool);
    }

    public MachineQuery inPool(String value) {
        return new MachineQuery(hostnames, tags, statuses, zone, value);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
