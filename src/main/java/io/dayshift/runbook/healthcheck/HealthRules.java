package io.dayshift.runbook.healthcheck;

import io.dayshift.ceph.CephStatus;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;
import io.dayshift.compute.ApiEndpoint;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.Hypervisor;
import io.dayshift.compute.NetworkAgent;
import io.dayshift.compute.ResourceInventory;
import io.dayshift.compute.VolumeService;
import io.dayshift.kolla.ContainerLog;
import io.dayshift.kolla.GaleraNode;
import io.dayshift.kolla.HostContainers;
import io.dayshift.kolla.NodeContainer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daily health check's rules: what counts as red (act now) and amber (look today). Each rule
 * turns what a site reports into findings; no finding means green.
 */
public final class HealthRules {

    private HealthRules() {
    }

    public static List<Finding> computeServices(List<ComputeService> services) {
        List<Finding> findings = new ArrayList<>();
        for (ComputeService service : services) {
            String subject = service.binary() + " on " + service.host();
            if (service.forcedDown()) {
                findings.add(red("compute-services", subject, "is forced down (its host was fenced)"));
            } else if (service.enabled() && !service.up()) {
                findings.add(red("compute-services", subject, "is down" + service.updatedAt().map(at -> " (last report " + at + ")").orElse("")));
            } else if (!service.enabled()) {
                findings.add(amber("compute-services", subject, "is disabled" + service.disabledReason().map(r -> ": " + r).orElse("")));
            }
        }
        return findings;
    }

    public static List<Finding> networkAgents(List<NetworkAgent> agents) {
        List<Finding> findings = new ArrayList<>();
        for (NetworkAgent agent : agents) {
            String subject = agent.type() + " on " + agent.host();
            if (agent.adminStateUp() && !agent.alive()) {
                findings.add(red("network-agents", subject, "is not alive"));
            } else if (!agent.adminStateUp()) {
                findings.add(amber("network-agents", subject, "is administratively down"));
            }
        }
        return findings;
    }

    public static List<Finding> volumeServices(List<VolumeService> services) {
        List<Finding> findings = new ArrayList<>();
        for (VolumeService service : services) {
            String subject = service.binary() + " on " + service.host();
            if (service.enabled() && !service.up()) {
                findings.add(red("volume-services", subject, "is down"));
            } else if (!service.enabled()) {
                findings.add(amber("volume-services", subject, "is disabled" + service.disabledReason().map(r -> ": " + r).orElse("")));
            }
        }
        return findings;
    }

    /** Amber above a threshold; red when a resource is used beyond its capacity (over-committed past the ratio). */
    public static List<Finding> hypervisorUsage(List<HypervisorLoad> loads, Thresholds thresholds) {
        List<Finding> findings = new ArrayList<>();
        for (HypervisorLoad load : loads) {
            usage(findings, load.host(), "CPU", load.vcpusUsed(), load.vcpusCapacity(), thresholds.cpuPercent(), "vCPU");
            usage(findings, load.host(), "RAM", load.ramMbUsed(), load.ramMbCapacity(), thresholds.ramPercent(), "MiB");
            usage(findings, load.host(), "disk", load.diskGbUsed(), load.diskGbCapacity(), thresholds.diskPercent(), "GiB");
        }
        return findings;
    }

    /** Red for a unit, subordinate or agent in error or lost; amber for any other unit not active and idle. */
    public static List<Finding> charmUnits(ModelStatus status) {
        List<Finding> findings = new ArrayList<>();
        status.applications().values().forEach(application -> application.units().values().forEach(unit -> {
            unitFinding(unit).ifPresent(findings::add);
            unit.subordinates().values().forEach(sub -> unitFinding(sub).ifPresent(findings::add));
        }));
        return findings;
    }

    /**
     * What a hypervisor uses of what Placement lets the scheduler hand out ({@code (total - reserved) * allocation ratio}
     * per resource class). The hypervisor API counts the host's reserved RAM as used; it is taken off, so that used and
     * capacity both count what servers may have. A resource class without an inventory has capacity 0 (reported as amber).
     */
    public static HypervisorLoad load(Hypervisor hypervisor, List<ResourceInventory> inventories) {
        ResourceInventory none = new ResourceInventory("", 0, 0, 0, 0);
        ResourceInventory vcpu = inventory(inventories, "VCPU").orElse(none);
        ResourceInventory ram = inventory(inventories, "MEMORY_MB").orElse(none);
        ResourceInventory disk = inventory(inventories, "DISK_GB").orElse(none);
        return new HypervisorLoad(hypervisor.hostname(), hypervisor.vcpusUsed(), vcpu.capacity(),
                Math.max(0, hypervisor.memoryMbUsed() - ram.reserved()), ram.capacity(), hypervisor.diskGbUsed(), disk.capacity());
    }

    private static Optional<ResourceInventory> inventory(List<ResourceInventory> inventories, String resourceClass) {
        return inventories.stream().filter(i -> i.resourceClass().equals(resourceClass)).findFirst();
    }

    /**
     * Red when an API does not answer at its catalog URL or answers 5xx; amber when it answers its root with a client error
     * other than 401 and 403 (the catalog points at a wrong path). Red too when the catalog lists nothing to check.
     */
    public static List<Finding> apiEndpoints(List<ApiEndpoint> endpoints) {
        List<Finding> findings = new ArrayList<>();
        if (endpoints.isEmpty()) {
            findings.add(red("api-endpoints", "service catalog", "lists no endpoint of the site's interface and region"));
        }
        for (ApiEndpoint endpoint : endpoints) {
            String subject = endpoint.serviceName() + " API (" + endpoint.serviceType() + ")";
            if (!endpoint.reachable()) {
                findings.add(red("api-endpoints", subject, endpoint.status().isPresent()
                        ? "answers HTTP " + endpoint.status().getAsInt() + " at " + endpoint.url()
                        : "does not answer at " + endpoint.url() + ": " + endpoint.problem().orElse("no answer")));
            } else {
                int status = endpoint.status().getAsInt();
                if (status >= 400 && status != 401 && status != 403) {
                    findings.add(amber("api-endpoints", subject, "answers HTTP " + status + " at its catalog URL " + endpoint.url()));
                }
            }
        }
        return findings;
    }

    /**
     * Red for a node Ansible cannot reach or list, and for a key container (nova_compute, mariadb, rabbitmq…) that is not
     * running; amber for any other container not running, a container whose health check fails, and a node with no containers.
     */
    public static List<Finding> containers(List<HostContainers> hosts, Collection<String> keyContainers) {
        List<Finding> findings = new ArrayList<>();
        for (HostContainers host : hosts) {
            if (!host.answered()) {
                findings.add(red("containers", host.host(), "its containers cannot be listed: " + host.problem().orElse("")));
                continue;
            }
            if (host.containers().isEmpty()) {
                findings.add(amber("containers", host.host(), "runs no containers"));
            }
            for (NodeContainer c : host.containers()) {
                String subject = c.name() + " on " + host.host();
                if (!c.running()) {
                    findings.add(keyContainers.contains(c.name())
                            ? red("containers", subject, "is not running: " + c.status() + " (a key container)")
                            : amber("containers", subject, "is not running: " + c.status()));
                } else if (c.unhealthy()) {
                    findings.add(amber("containers", subject, "fails its health check: " + c.status()));
                }
            }
        }
        return findings;
    }

    private static final Pattern ERROR_LINE = Pattern.compile("\\b(ERROR|CRITICAL)\\b");
    private static final Pattern CRITICAL_LINE = Pattern.compile("\\bCRITICAL\\b");
    private static final Pattern UNIT_ENTITY = Pattern.compile("^unit-([a-z][a-z0-9-]*)-[0-9]+:");

    /**
     * Red when a container's recent log has CRITICAL lines; amber when it has ERROR lines or cannot be read. The message
     * gives the counts and the latest such line.
     */
    public static List<Finding> containerLogs(List<ContainerLog> logs) {
        List<Finding> findings = new ArrayList<>();
        for (ContainerLog log : logs) {
            String subject = log.container() + " on " + log.host();
            if (log.problem().isPresent()) {
                findings.add(amber("container-logs", subject, "its log cannot be read: " + log.problem().get()));
                continue;
            }
            logFinding("container-logs", subject, log.lines(), "in its last " + log.lines().size() + " log lines").ifPresent(findings::add);
        }
        return findings;
    }

    /**
     * The charmed sites' counterpart of {@link #containerLogs}, per application: the lines of {@code juju debug-log --level ERROR}
     * grouped by the application of the unit that logged them ({@code unit-nova-compute-3:} → nova-compute); red with CRITICAL
     * lines, amber with ERROR lines. Lines of machine agents and the controller are not a unit's.
     */
    public static List<Finding> unitLogs(List<String> errorLog) {
        Map<String, List<String>> byApplication = new TreeMap<>();
        for (String line : errorLog) {
            Matcher unit = UNIT_ENTITY.matcher(line);
            if (unit.find()) {
                byApplication.computeIfAbsent(unit.group(1), a -> new ArrayList<>()).add(line);
            }
        }
        List<Finding> findings = new ArrayList<>();
        byApplication.forEach((application, lines) -> logFinding("unit-logs", application, lines, "in the model's newest "
                + errorLog.size() + " ERROR lines").ifPresent(findings::add));
        return findings;
    }

    private static Optional<Finding> logFinding(String check, String subject, List<String> lines, String where) {
        List<String> errors = lines.stream().filter(l -> ERROR_LINE.matcher(l).find()).toList();
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        long critical = errors.stream().filter(l -> CRITICAL_LINE.matcher(l).find()).count();
        String latest = errors.get(errors.size() - 1).strip();
        String message = errors.size() + " error line(s)" + (critical > 0 ? ", " + critical + " CRITICAL," : "") + " " + where + "; latest: "
                + (latest.length() > 300 ? latest.substring(0, 300) + "…" : latest);
        return Optional.of(critical > 0 ? red(check, subject, message) : amber(check, subject, message));
    }

    /**
     * Ceph as {@code ceph -s} shows it: HEALTH_WARN amber, HEALTH_ERR red, a cluster that does not answer (or an unknown
     * health) red; no Ceph, nothing.
     */
    public static List<Finding> ceph(Optional<CephStatus> status) {
        if (status.isEmpty() || status.get().ok()) {
            return List.of();
        }
        CephStatus ceph = status.get();
        String detail = ceph.text().lines().map(String::strip).filter(l -> l.matches("^[A-Z_]+: .*")).reduce((a, b) -> a + "; " + b).orElse("");
        return switch (ceph.health()) {
            case "HEALTH_WARN" -> List.of(amber("ceph", "Ceph cluster", "is HEALTH_WARN" + (detail.isEmpty() ? "" : ": " + detail)));
            case "HEALTH_ERR" -> List.of(red("ceph", "Ceph cluster", "is HEALTH_ERR" + (detail.isEmpty() ? "" : ": " + detail)));
            default -> List.of(red("ceph", "Ceph cluster", "does not answer (" + ceph.health() + "): " + lastLine(ceph.text())));
        };
    }

    /**
     * Kolla's Galera cluster, each node's own view: red for a node that cannot be asked, that is not in the Primary component,
     * or that sees another cluster size than the inventory's number of mariadb nodes (a node out, or a split); amber for a
     * node that is not Synced (a donor during a backup, a joiner catching up). No mariadb node at all is red.
     */
    public static List<Finding> galera(List<GaleraNode> nodes) {
        List<Finding> findings = new ArrayList<>();
        if (nodes.isEmpty()) {
            findings.add(red("galera", "MariaDB", "the inventory's mariadb group has no node to ask"));
        }
        for (GaleraNode node : nodes) {
            String subject = "mariadb on " + node.host();
            if (node.problem().isPresent()) {
                findings.add(red("galera", subject, "cannot be asked for its wsrep status: " + node.problem().get()));
            } else if (!node.clusterStatus().equals("Primary")) {
                findings.add(red("galera", subject, "is out of the cluster: wsrep_cluster_status " + node.clusterStatus() + ", state "
                        + node.localState() + ", it sees " + node.clusterSize() + " of " + nodes.size() + " nodes"));
            } else if (node.clusterSize() != nodes.size()) {
                findings.add(red("galera", subject, "sees " + node.clusterSize() + " of the " + nodes.size() + " mariadb nodes in its cluster"));
            } else if (!node.localState().equals("Synced")) {
                findings.add(amber("galera", subject, "is not Synced: wsrep_local_state_comment " + node.localState()));
            }
        }
        return findings;
    }

    /**
     * A charmed site's MySQL InnoDB Cluster as its {@code cluster-status} action tells it ({@code defaultReplicaSet.status} of
     * MySQL Shell's {@code cluster.status()}): OK is fine, OK_PARTIAL (members missing, failures still tolerated) amber, any
     * other status (OK_NO_TOLERANCE…, NO_QUORUM, UNAVAILABLE) red; the members not ONLINE are named.
     */
    public static List<Finding> innodbCluster(String application, String status, String statusText, Map<String, String> memberStates) {
        if (status.equals("OK")) {
            return List.of();
        }
        List<String> notOnline = memberStates.entrySet().stream().filter(e -> !e.getValue().equals("ONLINE")).map(e -> e.getKey() + " " + e.getValue())
                .sorted().toList();
        String message = "cluster status " + status + ": " + statusText + (notOnline.isEmpty() ? "" : " Members not ONLINE: " + String.join(", ", notOnline));
        return List.of(status.equals("OK_PARTIAL") ? amber("database-cluster", application, message) : red("database-cluster", application, message));
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static Optional<Finding> unitFinding(Unit unit) {
        if (unit.workload().is("error") || unit.agent().is("error") || unit.agent().is("lost") || unit.agent().is("failed")) {
            return Optional.of(red("charm-units", unit.name(), "workload " + unit.workload().describe() + ", agent " + unit.agent().describe()));
        }
        if (!unit.activeAndIdle()) {
            return Optional.of(amber("charm-units", unit.name(), "workload " + unit.workload().describe() + ", agent " + unit.agent().describe()));
        }
        return Optional.empty();
    }

    private static void usage(List<Finding> findings, String host, String resource, long used, long capacity, int threshold, String unit) {
        if (capacity <= 0) {
            findings.add(amber("hypervisor-usage", host, resource + " capacity is not reported"));
            return;
        }
        long percent = Math.round(100.0 * used / capacity);
        String numbers = resource + " at " + percent + " % (" + used + " of " + capacity + " " + unit + ")";
        if (used > capacity) {
            findings.add(red("hypervisor-usage", host, numbers + ": over-committed beyond its allocation ratio"));
        } else if (percent > threshold) {
            findings.add(amber("hypervisor-usage", host, numbers + ", above the " + threshold + " % threshold"));
        }
    }

    static Finding red(String check, String subject, String message) {
        return new Finding(check, Health.RED, subject, message);
    }

    static Finding amber(String check, String subject, String message) {
        return new Finding(check, Health.AMBER, subject, message);
    }
}
