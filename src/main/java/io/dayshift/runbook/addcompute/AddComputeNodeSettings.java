package io.dayshift.runbook.addcompute;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code dayshift.runbooks.add-compute-node.*}: the MAAS tag a compute machine must carry, how often the waits look and
 * how long each may take before an ops lead decides. The model reads {@code ${addComputeNodeSettings.checkInterval}}.
 */
@Component("addComputeNodeSettings")
public class AddComputeNodeSettings {

    /** The kolla-ansible actions that add a compute host, in order, each {@code --limit <host>}. */
    public static final List<String> KOLLA_ACTIONS = List.of("bootstrap-servers", "pull", "deploy");
    /** The Juju application of compute hosts. */
    public static final String COMPUTE_APPLICATION = "nova-compute";
    /** The Kolla inventory group of compute hosts. */
    public static final String COMPUTE_GROUP = "compute";

    private final String computeTag;
    private final Duration checkInterval;
    private final Duration machineDeadline;
    private final Duration unitDeadline;
    private final Duration kollaRunDeadline;
    private final Duration hypervisorDeadline;
    private final Duration smokeTestDeadline;

    AddComputeNodeSettings(
            @Value("${dayshift.runbooks.add-compute-node.compute-tag:openstack-compute}") String computeTag,
            @Value("${dayshift.runbooks.add-compute-node.check-interval:PT30S}") Duration checkInterval,
            @Value("${dayshift.runbooks.add-compute-node.machine-deadline:PT45M}") Duration machineDeadline,
            @Value("${dayshift.runbooks.add-compute-node.unit-deadline:PT60M}") Duration unitDeadline,
            @Value("${dayshift.runbooks.add-compute-node.kolla-run-deadline:PT90M}") Duration kollaRunDeadline,
            @Value("${dayshift.runbooks.add-compute-node.hypervisor-deadline:PT15M}") Duration hypervisorDeadline,
            @Value("${dayshift.runbooks.add-compute-node.smoke-test-deadline:PT10M}") Duration smokeTestDeadline) {
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("dayshift.runbooks.add-compute-node.check-interval must be a positive duration");
        }
        for (Duration d : List.of(machineDeadline, unitDeadline, kollaRunDeadline, hypervisorDeadline, smokeTestDeadline)) {
            if (d.compareTo(checkInterval) < 0) {
                throw new IllegalArgumentException("dayshift.runbooks.add-compute-node: every deadline must be at least the check interval");
            }
        }
        this.computeTag = computeTag;
        this.checkInterval = checkInterval;
        this.machineDeadline = machineDeadline;
        this.unitDeadline = unitDeadline;
        this.kollaRunDeadline = kollaRunDeadline;
        this.hypervisorDeadline = hypervisorDeadline;
        this.smokeTestDeadline = smokeTestDeadline;
    }

    /** The timer's ISO-8601 duration, e.g. {@code PT30S}. */
    public String getCheckInterval() {
        return checkInterval.toString();
    }

    public String computeTag() {
        return computeTag;
    }

    Duration machineDeadline() {
        return machineDeadline;
    }

    Duration unitDeadline() {
        return unitDeadline;
    }

    Duration kollaRunDeadline() {
        return kollaRunDeadline;
    }

    Duration hypervisorDeadline() {
        return hypervisorDeadline;
    }

    Duration smokeTestDeadline() {
        return smokeTestDeadline;
    }
}
