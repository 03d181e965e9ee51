package io.dayshift.runbook.sev1;

import io.dayshift.compute.ComputeService;
import io.dayshift.runbook.healthcheck.Finding;
import io.dayshift.runbook.healthcheck.Health;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What a health check's findings and Nova's services say is affected: which services, which hosts, which hypervisors are down. */
final class IncidentScope {

    private IncidentScope() {
    }

    /** Compute hosts whose nova-compute is down (forced down or not). */
    static List<String> downHosts(List<ComputeService> services) {
        return services.stream().filter(ComputeService::isCompute).filter(s -> !s.up() || s.forcedDown()).map(ComputeService::host)
                .sorted().distinct().toList();
    }

    /** The host a finding is about ({@code nova-compute on cn03}, {@code cn03}), or empty for a site-wide one. */
    static String hostOf(Finding finding) {
        int on = finding.subject().lastIndexOf(" on ");
        if (on >= 0) {
            return finding.subject().substring(on + 4);
        }
        boolean aboutANode = finding.check().equals("hypervisor-usage") || finding.check().equals("containers") && !finding.subject().contains(" ");
        return aboutANode ? finding.subject() : "";
    }

    static String describe(String health, List<Finding> findings, List<String> downHosts) {
        Set<String> services = new TreeSet<>();
        Set<String> hosts = new TreeSet<>(downHosts);
        findings.stream().filter(f -> f.health() == Health.RED).forEach(f -> {
            services.add(f.check() + ": " + f.subject());
            if (!hostOf(f).isEmpty()) {
                hosts.add(hostOf(f));
            }
        });
        return "Site health " + health + ". Affected: " + (services.isEmpty() ? "no red finding" : String.join("; ", services))
                + ". Hosts: " + (hosts.isEmpty() ? "none named" : String.join(", ", hosts))
                + ". Hypervisors down: " + (downHosts.isEmpty() ? "none" : String.join(", ", downHosts)) + ".";
    }
}
