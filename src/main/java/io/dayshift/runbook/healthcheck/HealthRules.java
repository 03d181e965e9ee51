package io.dayshift.runbook.healthcheck;

import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.NetworkAgent;
import io.dayshift.compute.VolumeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
