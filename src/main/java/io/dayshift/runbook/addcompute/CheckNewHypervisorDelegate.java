package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.CPU_COUNT;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.MEMORY_MIB;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.ZONE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.Hypervisor;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckHypervisor}: is the host's nova-compute service up, enabled and in the expected zone, and is its
 * hypervisor listed and up? The hypervisor's vCPUs and RAM are recorded next to what MAAS reported for the machine.
 */
@Component("checkNewHypervisor")
class CheckNewHypervisorDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    CheckNewHypervisorDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = MACHINE.get(execution);
        String zone = ZONE.get(execution);
        Optional<ComputeService> service = compute.computeService(site, host);
        Optional<Hypervisor> hypervisor = compute.hypervisors(site).stream()
                .filter(h -> h.serviceHost().equals(host) || h.hostname().equals(host) || h.hostname().startsWith(host + ".")).findFirst();
        boolean ready = service.filter(s -> s.up() && s.enabled() && s.zone().equals(zone)).isPresent() && hypervisor.filter(Hypervisor::up).isPresent();
        String detail = service.map(s -> "nova-compute on " + host + " is " + (s.up() ? "up" : "down") + ", " + (s.enabled() ? "enabled" : "disabled")
                        + s.disabledReason().map(r -> " (" + r + ")").orElse("") + ", zone " + s.zone())
                .orElse("no nova-compute service on " + host + " yet")
                + "; " + hypervisor.map(h -> "hypervisor " + h.hostname() + " " + (h.up() ? "up" : "down") + " with " + h.vcpus() + " vCPUs and "
                        + h.memoryMb() + " MiB RAM (MAAS: " + CPU_COUNT.get(execution) + " CPU threads, " + MEMORY_MIB.get(execution) + " MiB)")
                .orElse("no hypervisor " + host + " yet");
        String outcome = Steps.outcome(execution, ready, false);
        Steps.conclude(execution, outcome, detail, "");
        Steps.record(execution, "GET /os-services?binary=nova-compute&host=" + host + "; GET /os-hypervisors/detail", host, outcome, detail);
    }
}
