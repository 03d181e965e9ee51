package io.dayshift.runbook.addcompute;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.Hypervisor;
import io.dayshift.runbook.await.Look;
import io.dayshift.runbook.await.Operation;
import io.dayshift.runbook.await.OperationProbe;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The new host in Nova: its nova-compute service up, enabled and in the expected zone, and its hypervisor listed and up,
 * which ends well; anything short of that is still coming (only the deadline ends it). Each look tells the hypervisor's
 * vCPUs and RAM next to what MAAS reported for the machine.
 */
@Component
class NewHypervisorProbe extends OperationProbe {

    static final String KIND = "new-hypervisor";

    private final ComputeCloud compute;

    NewHypervisorProbe(Sites sites, ComputeCloud compute) {
        super(KIND, "openstack", sites);
        this.compute = compute;
    }

    static Operation operation(String site, String host, String zone, Long cpuCount, Long memoryMib) {
        return new Operation(KIND, site, host, "nova-compute on " + host + " up and enabled in " + zone + ", and its hypervisor listed",
                Map.of("host", host, "zone", zone, "cpuCount", String.valueOf(cpuCount), "memoryMib", String.valueOf(memoryMib)));
    }

    @Override
    protected Look look(Operation operation, Site site) {
        String host = operation.require("host");
        String zone = operation.require("zone");
        Optional<ComputeService> service = compute.computeService(site, host);
        Optional<Hypervisor> hypervisor = compute.hypervisors(site).stream()
                .filter(h -> h.serviceHost().equals(host) || h.hostname().equals(host) || h.hostname().startsWith(host + ".")).findFirst();
        boolean ready = service.filter(s -> s.up() && s.enabled() && s.zone().equals(zone)).isPresent() && hypervisor.filter(Hypervisor::up).isPresent();
        String detail = service.map(s -> "nova-compute on " + host + " is " + (s.up() ? "up" : "down") + ", " + (s.enabled() ? "enabled" : "disabled")
                        + s.disabledReason().map(r -> " (" + r + ")").orElse("") + ", zone " + s.zone())
                .orElse("no nova-compute service on " + host + " yet")
                + "; " + hypervisor.map(h -> "hypervisor " + h.hostname() + " " + (h.up() ? "up" : "down") + " with " + h.vcpus() + " vCPUs and "
                        + h.memoryMb() + " MiB RAM (MAAS: " + operation.require("cpuCount") + " CPU threads, " + operation.require("memoryMib") + " MiB)")
                .orElse("no hypervisor " + host + " yet");
        return ready ? Look.succeeded(detail) : Look.running(detail);
    }
}
