package io.dayshift.lab.ssh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.lab.model.JujuApplication;
import io.dayshift.lab.model.JujuMachine;
import io.dayshift.lab.model.JujuStatus;
import io.dayshift.lab.model.JujuUnit;
import io.dayshift.lab.model.LabSite;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code juju status --format=json} of a lab site's model, in the shape of the real captures (fixtures/juju): Juju 2.9
 * writes {@code series}/{@code os} and relation lists of names, Juju 3 {@code base}, and from 3.6 relation objects.
 */
final class JujuStatusJson {

    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final List<String> SEVERITY = List.of("error", "blocked", "maintenance", "waiting", "unknown", "active");

    private final ObjectMapper json = new ObjectMapper();

    String render(LabSite site) {
        String version = site.juju().jujuVersion();
        boolean juju3 = !version.startsWith("2.");
        boolean relationObjects = juju3 && minor(version) >= 6;
        String since = SINCE.format(site.now().minusSeconds(3600));
        ObjectNode root = json.createObjectNode();
        ObjectNode model = root.putObject("model");
        model.put("name", site.juju().jujuModel()).put("type", "iaas").put("controller", "lab-controller").put("cloud", "lab-maas").put("region", "default")
                .put("version", version);
        model.putObject("model-status").put("current", "available").put("since", since);
        model.put("sla", "unsupported");

        List<JujuMachine> machines = site.juju().jujuMachines();
        List<JujuUnit> units = site.juju().units();
        ObjectNode machinesNode = root.putObject("machines");
        for (JujuMachine m : machines) {
            if (m.container()) {
                ObjectNode host = (ObjectNode) machinesNode.get(m.hostMachine());
                if (host != null) {
                    ObjectNode containers = host.has("containers") ? (ObjectNode) host.get("containers") : host.putObject("containers");
                    machine(containers.putObject(m.id()), m, juju3, version, since);
                }
            } else {
                machine(machinesNode.putObject(m.id()), m, juju3, version, since);
            }
        }
        ObjectNode apps = root.putObject("applications");
        for (JujuApplication app : site.juju().applications()) {
            ObjectNode a = apps.putObject(app.name());
            a.put("charm", app.charm());
            series(a, juju3, true);
            a.put("charm-origin", "charmhub").put("charm-name", app.charm()).put("charm-rev", app.revision()).put("charm-channel", app.channel());
            if (!app.canUpgradeTo().isEmpty()) {
                a.put("can-upgrade-to", app.canUpgradeTo());
            }
            a.put("exposed", false);
            List<JujuUnit> mine = units.stream().filter(u -> u.application().equals(app.name())).toList();
            JujuStatus worst = mine.stream().map(JujuUnit::workload)
                    .min((x, y) -> Integer.compare(rank(x.current()), rank(y.current()))).orElse(new JujuStatus("unknown", ""));
            status(a.putObject("application-status"), worst, since);
            ObjectNode relations = a.putObject("relations");
            for (Map.Entry<String, List<String>> r : app.relations().entrySet()) {
                ArrayNode list = relations.putArray(r.getKey());
                for (String other : r.getValue()) {
                    if (relationObjects) {
                        list.addObject().put("related-application", other).put("interface", r.getKey()).put("scope", app.subordinate() ? "container" : "global");
                    } else {
                        list.add(other);
                    }
                }
            }
            if (app.subordinate()) {
                ArrayNode to = a.putArray("subordinate-to");
                app.subordinateTo().forEach(to::add);
            } else {
                ObjectNode unitsNode = a.putObject("units");
                for (JujuUnit u : mine) {
                    ObjectNode un = unit(unitsNode.putObject(u.name()), u, version, since);
                    un.put("machine", u.machine());
                    un.put("public-address", u.publicAddress());
                    List<JujuUnit> subs = units.stream().filter(s -> s.principal().equals(u.name())).toList();
                    if (!subs.isEmpty()) {
                        ObjectNode subsNode = un.putObject("subordinates");
                        for (JujuUnit s : subs) {
                            unit(subsNode.putObject(s.name()), s, version, since).put("public-address", s.publicAddress());
                        }
                    }
                }
            }
            if (!app.workloadVersion().isEmpty()) {
                a.put("version", app.workloadVersion());
            }
            a.putObject("endpoint-bindings").put("", "alpha");
        }
        root.putObject("storage");
        root.putObject("controller").put("timestamp", DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC).format(site.now()));
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void machine(ObjectNode n, JujuMachine m, boolean juju3, String version, String since) {
        n.putObject("juju-status").put("current", m.jujuStatus().current()).put("since", since).put("version", version);
        if (!m.hostname().isEmpty()) {
            n.put("hostname", m.hostname());
        }
        if (!m.address().isEmpty()) {
            n.put("dns-name", m.address());
            n.putArray("ip-addresses").add(m.address());
        }
        n.put("instance-id", m.instanceId().isEmpty() ? "pending" : m.instanceId());
        status(n.putObject("machine-status"), m.machineStatus(), since);
        n.putObject("modification-status").put("current", juju3 ? "applied" : "idle").put("since", since);
        series(n, juju3, false);
        if (!m.address().isEmpty()) {
            ObjectNode nic = n.putObject("network-interfaces").putObject(m.container() ? "eth0" : "enp1s0");
            nic.putArray("ip-addresses").add(m.address());
            nic.put("mac-address", "52:54:00:" + String.format("%02x:%02x:%02x", m.id().hashCode() & 0xff, (m.id().hashCode() >> 8) & 0xff,
                    (m.id().hashCode() >> 16) & 0xff)).put("gateway", "10.20.0.1").put("space", "alpha").put("is-up", true);
        }
        n.put("constraints", m.constraints().isEmpty() ? "arch=amd64" : "arch=amd64 " + m.constraints());
        if (!m.instanceId().isEmpty()) {
            n.put("hardware", m.container() ? "arch=amd64 availability-zone=" + m.zone() + " virt-type=container"
                    : "arch=amd64 cores=" + m.cores() + " mem=" + m.memoryMib() + "M tags=" + (m.constraints().startsWith("tags=")
                    ? m.constraints().substring(5) : "openstack") + " availability-zone=" + m.zone());
        }
    }

    private ObjectNode unit(ObjectNode n, JujuUnit u, String version, String since) {
        status(n.putObject("workload-status"), u.workload(), since);
        n.putObject("juju-status").put("current", u.agent().current()).put("since", since).put("version", version);
        n.put("leader", u.leader());
        return n;
    }

    private static void status(ObjectNode n, JujuStatus s, String since) {
        n.put("current", s.current());
        if (!s.message().isEmpty()) {
            n.put("message", s.message());
        }
        n.put("since", since);
    }

    private static void series(ObjectNode n, boolean juju3, boolean application) {
        if (juju3) {
            n.putObject("base").put("name", "ubuntu").put("channel", "22.04");
        } else {
            n.put("series", "jammy");
            if (application) {
                n.put("os", "ubuntu");
            }
        }
    }

    private static int rank(String current) {
        int i = SEVERITY.indexOf(current);
        return i < 0 ? SEVERITY.size() : i;
    }

    private static int minor(String version) {
        String[] parts = version.split("[.-]");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }

    static String sinceOf(Instant instant) {
        return SINCE.format(instant);
    }
}
