package io.dayshift.lab.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dayshift.lab.model.Flavor;
import io.dayshift.lab.model.FloatingIp;
import io.dayshift.lab.model.Instance;
import io.dayshift.lab.model.InstanceStatus;
import io.dayshift.lab.model.JujuApplication;
import io.dayshift.lab.model.JujuMachine;
import io.dayshift.lab.model.JujuStatus;
import io.dayshift.lab.model.KeystoneUser;
import io.dayshift.lab.model.LabNode;
import io.dayshift.lab.model.LabScriptResult;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.LabSiteBuilder;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.lab.model.MaasMachine;
import io.dayshift.lab.model.Port;
import io.dayshift.lab.model.SecurityGroup;
import io.dayshift.lab.model.SecurityGroupRule;
import io.dayshift.lab.model.ServerGroup;
import io.dayshift.lab.topology.Topology.HostGroupSpec;
import io.dayshift.machine.MachineStatus;
import io.dayshift.machine.PowerState;
import io.dayshift.machine.ScriptPhase;
import io.dayshift.machine.ScriptStatus;
import io.dayshift.site.Flavour;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Reads a topology file and seeds a {@link LabSite} with it. */
public final class TopologyLoader {

    private static final List<String> INVENTORY_GROUPS = List.of("control", "network", "compute", "monitoring", "storage", "loadbalancer");
    private static final Map<String, String> ROLE_TAGS = Map.of("compute", "openstack-compute", "control", "openstack-control",
            "network", "openstack-network", "storage", "openstack-storage", "loadbalancer", "haproxy", "monitoring", "monitoring");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public Topology read(InputStream in, String source) {
        try {
            return yaml.readValue(in, Topology.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read lab topology " + source + ": " + e.getMessage(), e);
        }
    }

    /** Reads a classpath resource such as {@code lab/small-kolla.yaml}. */
    public Topology readResource(String resource) {
        try (InputStream in = TopologyLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no lab topology " + resource + " on the classpath");
            }
            return read(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A site named {@code name} seeded with the topology. */
    public LabSite load(String name, Topology t, Clock clock, LabTimings timings) {
        Flavour flavour = Flavour.valueOf(t.flavour().toUpperCase(Locale.ROOT));
        LabSite site = new LabSite(name, flavour, clock, timings);
        LabSiteBuilder b = site.builder();
        Instant now = clock.instant();
        b.openstackRelease(t.openstackRelease() == null ? "" : t.openstackRelease());
        b.allocationRatios(t.allocationRatios().cpu(), t.allocationRatios().ram(), t.allocationRatios().disk());

        // nodes: in the cloud, Deployed in MAAS
        List<LabNode> nodes = new ArrayList<>();
        Map<String, long[]> hardware = new HashMap<>();
        int address = 10;
        for (HostGroupSpec group : t.nodes()) {
            List<String[]> hosts = expand(group);
            for (String[] host : hosts) {
                LabNode node = new LabNode(host[0], "10.20.0." + address++, host[1], group.roles() == null ? List.of() : group.roles());
                nodes.add(node);
                b.node(node);
                long[] hw = {orDefault(group.cpus(), 32), orDefault(group.ramMib(), 131072L), orDefault(group.diskGib(), 960L)};
                hardware.put(node.hostname(), hw);
                List<String> tags = new ArrayList<>();
                node.roles().forEach(r -> tags.add(ROLE_TAGS.getOrDefault(r, r)));
                if (group.tags() != null) {
                    tags.addAll(group.tags());
                }
                b.machine(machine(node.hostname(), MachineStatus.DEPLOYED, "admin", tags, PowerState.ON, node.zone(), hw, node.address(), "jammy",
                        passedResults(now.minus(400, ChronoUnit.DAYS))));
            }
        }
        // spare and new MAAS machines
        for (HostGroupSpec group : t.machines()) {
            MachineStatus status = MachineStatus.valueOf(group.status() == null ? "READY" : group.status().toUpperCase(Locale.ROOT));
            for (String[] host : expand(group)) {
                long[] hw = {orDefault(group.cpus(), 32), orDefault(group.ramMib(), 131072L), orDefault(group.diskGib(), 960L)};
                b.machine(machine(host[0], status, "", group.tags() == null ? List.of() : group.tags(), PowerState.OFF, host[1], hw,
                        "10.20.0." + address++, "", status == MachineStatus.NEW ? List.of() : passedResults(now.minus(30, ChronoUnit.DAYS))));
            }
        }
        // Nova
        for (LabNode node : nodes) {
            if (node.hasRole("compute")) {
                long[] hw = hardware.get(node.hostname());
                b.hypervisor(node.hostname(), node.zone(), (int) hw[0], hw[1], hw[2]);
            }
        }
        t.disabledComputes().forEach(d -> b.disabledComputeService(d.host(), d.reason()));
        Map<String, Flavor> flavors = new LinkedHashMap<>();
        for (Topology.FlavorSpec f : t.flavors()) {
            Flavor flavor = new Flavor(b.id("flavor", f.name()), f.name(), f.vcpus(), f.ramMib(), f.diskGib(), f.extraSpecs());
            flavors.put(f.name(), flavor);
            b.flavor(flavor);
        }
        Map<String, String> projects = new LinkedHashMap<>();
        t.projects().forEach(p -> projects.put(p, b.id("project", p).replace("-", "")));
        Map<String, ServerGroup> groups = new LinkedHashMap<>();
        for (Topology.ServerGroupSpec g : t.serverGroups()) {
            ServerGroup group = new ServerGroup(b.id("server-group", g.name()), g.name(), projects.getOrDefault(g.project(), projects.values().iterator().next()),
                    g.policy());
            groups.put(g.name(), group);
            b.serverGroup(group);
        }
        for (Topology.AggregateSpec a : t.aggregates()) {
            b.aggregate(a.name(), a.hosts() == null ? List.of() : a.hosts(), a.metadata() == null ? Map.of() : a.metadata());
        }
        List<String> computes = nodes.stream().filter(n -> n.hasRole("compute")).map(LabNode::hostname).toList();
        Map<String, String> zoneOf = new HashMap<>();
        nodes.forEach(n -> zoneOf.put(n.hostname(), n.zone()));
        List<Instance> instances = new ArrayList<>();
        for (Topology.InstanceSpec spec : t.instances()) {
            instances.addAll(instances(spec, computes, zoneOf, flavors, projects, groups, b, now));
        }
        instances.forEach(b::instance);
        // Neutron
        int mac = 1;
        List<Port> instancePorts = new ArrayList<>();
        for (Instance i : instances) {
            Port port = new Port(b.id("port", i.id()), "", b.id("network", "private-" + i.projectId()), i.projectId(), mac(mac++),
                    "192.168." + (mac / 250) + "." + (mac % 250 + 2), "compute:" + i.zone(), i.id(), i.host());
            instancePorts.add(port);
            b.port(port);
        }
        if (t.orphanedPorts() != null) {
            for (int k = 0; k < t.orphanedPorts().count(); k++) {
                String project = new ArrayList<>(projects.values()).get(k % projects.size());
                boolean formerVm = k % 2 == 0;
                b.port(new Port(b.id("orphan-port", Integer.toString(k)), formerVm ? "" : "leftover-" + k, b.id("network", "private-" + project),
                        project, mac(mac++), "192.168.200." + (k + 10), formerVm ? "compute:nova" : "", formerVm ? b.id("deleted-server", "" + k) : "", ""));
            }
        }
        if (t.floatingIps() != null) {
            Topology.FloatingIpSpec f = t.floatingIps();
            int n = 10;
            String publicNet = b.id("network", "public");
            for (int k = 0; k < f.associated() && k < instancePorts.size(); k++) {
                Port p = instancePorts.get(k);
                b.floatingIp(new FloatingIp(b.id("fip", Integer.toString(n)), f.prefix() + n++, p.projectId(), publicNet, p.id(), p.fixedIpAddress()));
            }
            for (int k = 0; k < f.unused(); k++) {
                String project = new ArrayList<>(projects.values()).get(k % projects.size());
                b.floatingIp(new FloatingIp(b.id("fip", Integer.toString(n)), f.prefix() + n++, project, publicNet, "", ""));
            }
        }
        for (Topology.SecurityGroupSpec g : t.securityGroups()) {
            String id = b.id("security-group", g.project() + "/" + g.name());
            List<SecurityGroupRule> rules = new ArrayList<>();
            int k = 0;
            for (Topology.RuleSpec r : Topology.orEmpty(g.rules())) {
                Integer min = r.port() != null ? r.port() : r.portMin();
                Integer max = r.port() != null ? r.port() : r.portMax();
                String remote = r.remote() == null ? null : r.remote();
                rules.add(new SecurityGroupRule(b.id("rule", id + "/" + k++), id, r.direction() == null ? "ingress" : r.direction(),
                        remote != null && remote.contains(":") ? "IPv6" : "IPv4", r.protocol(), min, max, remote, null));
            }
            b.securityGroup(new SecurityGroup(id, g.name(), projects.getOrDefault(g.project(), g.project()), "", rules));
        }
        for (Topology.UserSpec u : t.users()) {
            Instant last = u.lastActiveDaysAgo() == null ? null : now.truncatedTo(ChronoUnit.DAYS).minus(u.lastActiveDaysAgo(), ChronoUnit.DAYS);
            b.user(new KeystoneUser(b.id("user", u.name()).replace("-", ""), u.name(), "default", projects.getOrDefault(u.project(), ""),
                    u.enabled() == null || u.enabled(), last));
        }
        // agents and volume services
        for (LabNode node : nodes) {
            if (flavour == Flavour.KOLLA) {
                if (node.hasRole("network")) {
                    b.agent("L3 agent", "neutron-l3-agent", node.hostname(), node.zone());
                    b.agent("DHCP agent", "neutron-dhcp-agent", node.hostname(), node.zone());
                    b.agent("Metadata agent", "neutron-metadata-agent", node.hostname(), node.zone());
                }
                if (node.hasRole("network") || node.hasRole("compute")) {
                    b.agent("Open vSwitch agent", "neutron-openvswitch-agent", node.hostname(), node.zone());
                }
            } else {
                if (node.hasRole("compute")) {
                    b.agent("OVN Controller agent", "ovn-controller", node.hostname(), node.zone());
                    b.agent("OVN Metadata agent", "neutron-ovn-metadata-agent", node.hostname(), node.zone());
                }
                if (node.hasRole("network")) {
                    b.agent("OVN Controller Gateway agent", "ovn-controller", node.hostname(), node.zone());
                }
            }
            if (node.hasRole("control")) {
                b.volumeService("cinder-scheduler", node.hostname(), "nova");
            }
        }
        List<LabNode> volumeNodes = nodes.stream().filter(n -> n.hasRole("storage")).toList();
        (volumeNodes.isEmpty() ? nodes.stream().filter(n -> n.hasRole("control")).toList() : volumeNodes)
                .forEach(n -> b.volumeService("cinder-volume", n.hostname() + "@rbd-1", "nova"));
        if (t.ceph() != null) {
            Map<String, Integer> osds = new LinkedHashMap<>();
            nodes.stream().filter(n -> n.hasRole(t.ceph().osdRole())).forEach(n -> osds.put(n.hostname(), t.ceph().osdsPerHost()));
            b.ceph(b.id("ceph", "fsid"), t.ceph().monitors(), osds);
        }
        for (Topology.BackupSpec backup : t.backups()) {
            b.backup(backup.kind(), backup.host(), backup.location(), now.minus(Duration.ofDays(backup.daysAgo())), backup.sizeBytes());
        }
        if (flavour == Flavour.KOLLA) {
            kolla(t, nodes, b);
        } else {
            juju(t, nodes, b, hardware);
        }
        t.faults().forEach(b::fault);
        return site;
    }

    private void kolla(Topology t, List<LabNode> nodes, LabSiteBuilder b) {
        Topology.KollaSpec k = t.kolla();
        if (k == null) {
            throw new IllegalStateException("a kolla topology needs a 'kolla' section (version, inventory, globals-file, globals)");
        }
        StringBuilder inventory = new StringBuilder("# Kolla-Ansible multinode inventory (built-in lab site)\n");
        for (String group : INVENTORY_GROUPS) {
            inventory.append("\n[").append(group).append("]\n");
            nodes.stream().filter(n -> n.hasRole(group)).forEach(n -> inventory.append(n.hostname()).append('\n'));
        }
        inventory.append("""

                [deployment]
                localhost       ansible_connection=local

                [baremetal:children]
                control
                network
                compute
                storage
                monitoring

                [mariadb:children]
                control

                [rabbitmq:children]
                control

                [haproxy:children]
                loadbalancer

                [nova:children]
                control

                [nova-conductor:children]
                nova

                [nova-compute:children]
                compute

                [neutron-l3-agent:children]
                network

                [cinder-volume:children]
                storage
                """);
        b.kolla(k.version(), k.inventory(), inventory.toString(), k.globalsFile(), k.globals());
    }

    private void juju(Topology t, List<LabNode> nodes, LabSiteBuilder b, Map<String, long[]> hardware) {
        Topology.JujuSpec j = t.juju();
        if (j == null) {
            throw new IllegalStateException("a charmed topology needs a 'juju' section (version, model, applications)");
        }
        b.juju(j.version(), j.model());
        Map<String, String> machineOf = new HashMap<>();
        Map<String, Integer> containers = new HashMap<>();
        int id = 0;
        for (LabNode node : nodes) {
            String machineId = Integer.toString(id++);
            machineOf.put(node.hostname(), machineId);
            long[] hw = hardware.get(node.hostname());
            String systemId = systemId(node.hostname());
            b.jujuMachine(new JujuMachine(machineId, systemId, node.hostname(), node.zone(), node.address(), "", (int) hw[0], hw[1],
                    JujuStatus.of("started"), new JujuStatus("running", "Deployed"), null));
        }
        for (Topology.ApplicationSpec a : j.applications()) {
            b.application(new JujuApplication(a.name(), a.charm() == null ? a.name() : a.charm(), a.channel(), a.revision(), a.canUpgradeTo(),
                    a.config() == null ? Map.of() : new TreeMap<>(a.config()), Topology.orEmpty(a.subordinateTo()), a.version(),
                    a.relations() == null ? Map.of() : a.relations()));
        }
        int lxdAddress = 100;
        for (Topology.ApplicationSpec a : j.applications()) {
            for (String place : Topology.orEmpty(a.to())) {
                List<String> targets = place.startsWith("role:")
                        ? nodes.stream().filter(n -> n.hasRole(place.substring(5))).map(LabNode::hostname).toList() : List.of(place);
                for (String target : targets) {
                    String host = target.startsWith("lxd:") ? target.substring(4) : target;
                    String machine = machineOf.get(host);
                    if (machine == null) {
                        throw new IllegalStateException("application " + a.name() + " is placed on " + host + ", which is not a node");
                    }
                    if (target.startsWith("lxd:")) {
                        int n = containers.merge(machine, 1, Integer::sum) - 1;
                        String cid = machine + "/lxd/" + n;
                        LabNode node = nodes.stream().filter(x -> x.hostname().equals(host)).findFirst().orElseThrow();
                        b.jujuMachine(new JujuMachine(cid, "juju-" + b.id("model", j.model()).substring(0, 6) + "-" + machine + "-lxd-" + n,
                                "juju-" + b.id("model", j.model()).substring(0, 6) + "-" + machine + "-lxd-" + n, node.zone(), "10.20.1." + lxdAddress++,
                                "", 0, 0, JujuStatus.of("started"), new JujuStatus("running", "Container started"), null));
                        machine = cid;
                    }
                    b.unit(a.name(), machine);
                }
            }
        }
    }

    private static List<Instance> instances(Topology.InstanceSpec spec, List<String> computes, Map<String, String> zoneOf, Map<String, Flavor> flavors,
                                            Map<String, String> projects, Map<String, ServerGroup> groups, LabSiteBuilder b, Instant now) {
        List<String> hosts = new ArrayList<>();
        if (spec.perHost() != null && !spec.perHost().isEmpty()) {
            spec.perHost().forEach((host, n) -> {
                for (int k = 0; k < n; k++) {
                    hosts.add(host);
                }
            });
        } else {
            Random random = new Random(spec.seed() == null ? 42 : spec.seed());
            double[] weights = new double[computes.size()];
            double total = 0;
            for (int k = 0; k < weights.length; k++) {
                weights[k] = 0.3 + random.nextDouble() * 1.7;
                total += weights[k];
            }
            int count = spec.count() == null ? 0 : spec.count();
            for (int k = 0; k < count; k++) {
                double pick = random.nextDouble() * total;
                int h = 0;
                while (h < weights.length - 1 && pick > weights[h]) {
                    pick -= weights[h++];
                }
                hosts.add(computes.get(h));
            }
        }
        List<String> flavorNames = spec.flavors() == null || spec.flavors().isEmpty() ? new ArrayList<>(flavors.keySet()) : spec.flavors();
        List<String> projectNames = spec.projects() == null || spec.projects().isEmpty() ? new ArrayList<>(projects.keySet()) : spec.projects();
        ServerGroup group = spec.serverGroup() == null ? null : groups.get(spec.serverGroup());
        List<Instance> out = new ArrayList<>();
        int width = Math.max(2, Integer.toString(hosts.size()).length());
        for (int k = 0; k < hosts.size(); k++) {
            int n = k + 1;
            String name = spec.prefix() + "-" + String.format("%0" + width + "d", n);
            Flavor flavor = flavors.get(flavorNames.get(k % flavorNames.size()));
            if (flavor == null) {
                throw new IllegalStateException("instances " + spec.prefix() + ": unknown flavor " + flavorNames.get(k % flavorNames.size()));
            }
            InstanceStatus status = spec.errorEvery() != null && n % spec.errorEvery() == 0 ? InstanceStatus.ERROR
                    : spec.shutoffEvery() != null && n % spec.shutoffEvery() == 0 ? InstanceStatus.SHUTOFF : InstanceStatus.ACTIVE;
            String host = hosts.get(k);
            out.add(new Instance(b.id("server", name), name, projects.get(projectNames.get(k % projectNames.size())), host, zoneOf.getOrDefault(host, "nova"),
                    flavor, status, "", group == null ? "" : group.id(),
                    status == InstanceStatus.ERROR ? "Build of instance " + name + " aborted: Failed to allocate the network(s), not rescheduling." : "",
                    now.minus(Duration.ofDays(3 + k % 200))));
        }
        return out;
    }

    private static List<String[]> expand(HostGroupSpec g) {
        List<String> names = new ArrayList<>();
        if (g.names() != null) {
            names.addAll(g.names());
        } else if (g.prefix() != null && g.count() != null) {
            int first = g.first() == null ? 1 : g.first();
            int digits = g.digits() == null ? 2 : g.digits();
            for (int k = 0; k < g.count(); k++) {
                names.add(g.prefix() + String.format("%0" + digits + "d", first + k));
            }
        } else {
            throw new IllegalStateException("a host group needs 'names' or 'prefix' and 'count'");
        }
        List<String> zones = g.zones() != null && !g.zones().isEmpty() ? g.zones() : List.of(g.zone() == null ? "nova" : g.zone());
        List<String[]> out = new ArrayList<>();
        int block = (int) Math.ceil(names.size() / (double) zones.size());
        for (int k = 0; k < names.size(); k++) {
            out.add(new String[] {names.get(k), zones.get(Math.min(zones.size() - 1, k / block))});
        }
        return out;
    }

    private static MaasMachine machine(String hostname, MachineStatus status, String owner, List<String> tags, PowerState power, String zone, long[] hw,
                                       String ip, String series, List<LabScriptResult> results) {
        return new MaasMachine(systemId(hostname), hostname, status, "", owner, tags, power, zone, "default", (int) hw[0], hw[1], hw[2] * 1074,
                List.of(ip), series, results, null, null);
    }

    private static List<LabScriptResult> passedResults(Instant at) {
        return List.of(new LabScriptResult(1, ScriptPhase.COMMISSIONING, "50-maas-01-commissioning", ScriptStatus.PASSED, 0, "", at, at),
                new LabScriptResult(2, ScriptPhase.TESTING, "smartctl-validate", ScriptStatus.PASSED, 0, "", at, at));
    }

    /** A MAAS-like system id (six lower-case letters and digits), stable per host name. */
    static String systemId(String hostname) {
        String alphabet = "abcdefghjkmnpqrstwxy3456789";
        long h = hostname.hashCode() & 0xffffffffL;
        h = h * 2654435761L + 97;
        StringBuilder id = new StringBuilder();
        for (int k = 0; k < 6; k++) {
            id.append(alphabet.charAt((int) (Math.abs(h) % alphabet.length())));
            h = h / alphabet.length() + (long) k * 7919;
        }
        return id.toString();
    }

    private static String mac(int n) {
        return String.format("fa:16:3e:%02x:%02x:%02x", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static long orDefault(Long value, long fallback) {
        return value == null ? fallback : value;
    }
}
