package io.dayshift.lab.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which Kolla containers run in which inventory group, and the roles each playbook walks through. */
final class KollaCatalogue {

    private static final Map<String, List<String>> CONTAINERS = Map.of(
            "control", List.of("keystone", "keystone_fernet", "keystone_ssh", "glance_api", "placement_api", "nova_api", "nova_scheduler",
                    "nova_conductor", "nova_novncproxy", "neutron_server", "cinder_api", "cinder_scheduler", "horizon", "mariadb", "rabbitmq",
                    "memcached"),
            "network", List.of("neutron_l3_agent", "neutron_dhcp_agent", "neutron_metadata_agent", "neutron_openvswitch_agent",
                    "openvswitch_vswitchd", "openvswitch_db"),
            "compute", List.of("nova_compute", "nova_libvirt", "nova_ssh", "neutron_openvswitch_agent", "openvswitch_vswitchd", "openvswitch_db"),
            "loadbalancer", List.of("haproxy", "keepalived", "proxysql"),
            "monitoring", List.of("prometheus_server", "prometheus_alertmanager", "grafana"),
            "storage", List.of("cinder_volume", "cinder_backup", "iscsid", "tgtd"));
    private static final List<String> EVERYWHERE = List.of("fluentd", "kolla_toolbox", "cron", "prometheus_node_exporter");

    static final List<String> ROLES = List.of("common", "loadbalancer", "mariadb", "rabbitmq", "keystone", "glance", "placement", "nova",
            "nova-cell", "neutron", "openvswitch", "cinder", "horizon", "prometheus", "grafana");

    private KollaCatalogue() {
    }

    static List<String> containersOf(Set<String> groups) {
        Set<String> names = new LinkedHashSet<>();
        for (String group : groups) {
            names.addAll(CONTAINERS.getOrDefault(group, List.of()));
        }
        if (!names.isEmpty()) {
            names.addAll(EVERYWHERE);
        }
        return new ArrayList<>(names);
    }

    static String image(String container, String release) {
        return "quay.io/openstack.kolla/" + container.replace('_', '-') + ":" + release + "-ubuntu-jammy";
    }
}
