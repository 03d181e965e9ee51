package io.dayshift.lab.topology;

import io.dayshift.lab.model.LabFault;
import java.util.List;
import java.util.Map;

/**
 * A lab site's topology file ({@code src/main/resources/lab/*.yaml}), keys in kebab-case. Lists of similar things are
 * declared compactly ({@code {prefix: cn, count: 200, zones: [az1, az2]}}) and expanded by the {@link TopologyLoader}.
 */
public record Topology(
        String flavour,
        String openstackRelease,
        Ratios allocationRatios,
        List<HostGroupSpec> nodes,
        List<HostGroupSpec> machines,
        List<FlavorSpec> flavors,
        List<String> projects,
        List<ServerGroupSpec> serverGroups,
        List<AggregateSpec> aggregates,
        List<InstanceSpec> instances,
        List<DisabledSpec> disabledComputes,
        List<UserSpec> users,
        List<SecurityGroupSpec> securityGroups,
        FloatingIpSpec floatingIps,
        OrphanSpec orphanedPorts,
        CephSpec ceph,
        KollaSpec kolla,
        JujuSpec juju,
        List<BackupSpec> backups,
        List<LabFault> faults) {

    public Topology {
        nodes = orEmpty(nodes);
        machines = orEmpty(machines);
        flavors = orEmpty(flavors);
        projects = projects == null || projects.isEmpty() ? List.of("admin") : projects;
        serverGroups = orEmpty(serverGroups);
        aggregates = orEmpty(aggregates);
        instances = orEmpty(instances);
        disabledComputes = orEmpty(disabledComputes);
        users = orEmpty(users);
        securityGroups = orEmpty(securityGroups);
        backups = orEmpty(backups);
        faults = orEmpty(faults);
        allocationRatios = allocationRatios == null ? new Ratios(4.0, 1.0, 1.0) : allocationRatios;
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Nova's cpu/ram/disk allocation ratios of every hypervisor. */
    public record Ratios(double cpu, double ram, double disk) {
    }

    /**
     * Hosts declared either by {@code names} or by {@code prefix} + {@code count} ({@code first} 1, {@code digits} 2:
     * cn01…). {@code zones} spreads them in equal consecutive blocks ({@code zone} for one). A node group's hosts are in
     * the cloud (Deployed MAAS machines); a machine group's are MAAS machines only, in {@code status} (new, ready…).
     */
    public record HostGroupSpec(List<String> names, String prefix, Integer count, Integer first, Integer digits, String zone, List<String> zones,
                                List<String> roles, List<String> tags, Integer cpus, Long ramMib, Long diskGib, String status) {
    }

    /** A flavor; {@code extra-specs} such as {@code aggregate_instance_extra_specs:ssd: "true"} pin it to aggregates. */
    public record FlavorSpec(String name, int vcpus, long ramMib, long diskGib, Map<String, String> extraSpecs) {
    }

    /** A host aggregate (not an availability zone): its hosts and the metadata flavors' extra specs match. */
    public record AggregateSpec(String name, List<String> hosts, Map<String, String> metadata) {
    }

    public record ServerGroupSpec(String name, String policy, String project) {
    }

    /**
     * Instances: {@code count} named {@code prefix-NN}, on the hosts of {@code per-host} (exact counts), or spread
     * over every compute (pseudo-randomly with {@code seed}, so unevenly). Flavors and projects are taken in turn;
     * every {@code error-every}-th is in ERROR, every {@code shutoff-every}-th SHUTOFF; all join {@code server-group}
     * if given.
     */
    public record InstanceSpec(String prefix, Integer count, Map<String, Integer> perHost, List<String> flavors, List<String> projects,
                               String serverGroup, Integer errorEvery, Integer shutoffEvery, Long seed) {
    }

    public record DisabledSpec(String host, String reason) {
    }

    public record UserSpec(String name, String project, Integer lastActiveDaysAgo, Boolean enabled) {
    }

    public record SecurityGroupSpec(String name, String project, List<RuleSpec> rules) {
    }

    /** {@code port} or {@code port-min}/{@code port-max}; {@code remote} a CIDR. */
    public record RuleSpec(String direction, String protocol, Integer port, Integer portMin, Integer portMax, String remote) {
    }

    /** Floating IPs from {@code 203.0.113.0/24}-style {@code prefix}: {@code associated} on the first instances, {@code unused} free. */
    public record FloatingIpSpec(String prefix, int associated, int unused) {
    }

    public record OrphanSpec(int count) {
    }

    /** Ceph monitors (host names) and OSDs per host of a role. */
    public record CephSpec(List<String> monitors, String osdRole, int osdsPerHost) {
    }

    /**
     * The deployer: kolla-ansible's version, where the inventory and globals.yml are, and globals.yml's text (the
     * inventory is written from the nodes' roles).
     */
    public record KollaSpec(String version, String inventory, String globalsFile, String globals) {
    }

    /** The Juju client version (2.9.x or 3.x: the status and action formats follow it), the model and its applications. */
    public record JujuSpec(String version, String model, List<ApplicationSpec> applications) {

        public JujuSpec {
            applications = orEmpty(applications);
        }
    }

    /**
     * An application; {@code to} places one unit on each: a host name, {@code lxd:<host>} for a new container on it,
     * or {@code role:<role>} for every node of a role. Subordinates name their principals in {@code subordinate-to}.
     */
    public record ApplicationSpec(String name, String charm, String channel, int revision, String canUpgradeTo, String version,
                                  List<String> to, List<String> subordinateTo, Map<String, String> config, Map<String, List<String>> relations) {
    }

    public record BackupSpec(String kind, String host, String location, int daysAgo, long sizeBytes) {
    }
}
