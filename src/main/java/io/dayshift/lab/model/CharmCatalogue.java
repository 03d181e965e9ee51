package io.dayshift.lab.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the charms of the lab's models have on their units: the service-control actions each charm defines ({@code pause},
 * {@code resume}, {@code restart-services}, from the charms' actions.yaml) and the systemd units on the unit's machine that
 * belong to the charm. The lab refuses an action a charm does not define and a {@code systemctl restart} of a unit the
 * machine does not have, as Juju and systemd do.
 */
final class CharmCatalogue {

    private record Charm(Set<String> actions, List<String> services) {
    }

    private static final Set<String> PAUSE_RESUME = Set.of("pause", "resume");
    private static final Set<String> RESTART_SERVICES = Set.of("restart-services");

    private static final Map<String, Charm> CHARMS = Map.ofEntries(
            Map.entry("nova-compute", new Charm(PAUSE_RESUME, List.of("nova-compute", "nova-api-metadata", "libvirtd"))),
            Map.entry("nova-cloud-controller", new Charm(PAUSE_RESUME, List.of("apache2", "haproxy", "memcached", "nova-scheduler",
                    "nova-conductor", "nova-novncproxy"))),
            Map.entry("keystone", new Charm(PAUSE_RESUME, List.of("apache2", "haproxy"))),
            Map.entry("neutron-api", new Charm(PAUSE_RESUME, List.of("neutron-server", "apache2", "haproxy"))),
            Map.entry("glance", new Charm(PAUSE_RESUME, List.of("glance-api", "apache2", "haproxy"))),
            Map.entry("cinder", new Charm(PAUSE_RESUME, List.of("cinder-scheduler", "cinder-volume", "apache2", "haproxy"))),
            Map.entry("placement", new Charm(PAUSE_RESUME, List.of("apache2", "haproxy"))),
            Map.entry("openstack-dashboard", new Charm(PAUSE_RESUME, List.of("apache2", "memcached"))),
            Map.entry("vault", new Charm(PAUSE_RESUME, List.of("vault"))),
            Map.entry("rabbitmq-server", new Charm(union(PAUSE_RESUME, RESTART_SERVICES), List.of("rabbitmq-server"))),
            Map.entry("ovn-central", new Charm(RESTART_SERVICES, List.of("ovn-central", "ovn-northd", "ovn-ovsdb-server-nb", "ovn-ovsdb-server-sb"))),
            Map.entry("mysql-innodb-cluster", new Charm(Set.of(), List.of("mysql"))),
            Map.entry("ceph-mon", new Charm(Set.of(), List.of("ceph-mon.target"))),
            Map.entry("ceph-osd", new Charm(Set.of(), List.of("ceph-osd.target"))),
            Map.entry("mysql-router", new Charm(Set.of(), List.of("mysqlrouter"))),
            Map.entry("ovn-chassis", new Charm(RESTART_SERVICES, List.of("ovn-controller", "openvswitch-switch"))));

    private CharmCatalogue() {
    }

    /** Whether {@code charm} defines service-control action {@code action}; actions that are not about services are not judged here. */
    static boolean refuses(String charm, String action) {
        boolean serviceControl = PAUSE_RESUME.contains(action) || RESTART_SERVICES.contains(action);
        return serviceControl && !CHARMS.getOrDefault(charm, new Charm(Set.of(), List.of())).actions().contains(action);
    }

    /** The systemd units of the charm on a unit's machine ({@code nova-compute.service} and {@code nova-compute} alike). */
    static boolean hasService(String charm, String service) {
        String name = service.endsWith(".service") ? service.substring(0, service.length() - ".service".length()) : service;
        return CHARMS.getOrDefault(charm, new Charm(Set.of(), List.of())).services().contains(name);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Set.copyOf(java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
    }
}
