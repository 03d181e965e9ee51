package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.sev1.Sev1IncidentVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1IncidentVariables.SMOKE_OUTCOME;
import static io.dayshift.runbook.sev1.Sev1IncidentVariables.SMOKE_SERVER;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeCloudException;
import io.dayshift.compute.Flavor;
import io.dayshift.compute.Hypervisor;
import io.dayshift.compute.Image;
import io.dayshift.compute.ServerRequest;
import io.dayshift.compute.ServerSummary;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_BootSmokeInstance}: boots the smallest flavor with the smallest active image (CirrOS first) on the enabled, up
 * hypervisor with the most free RAM, named for this run and verification; one booted by an earlier try is used again.
 */
@Component("bootSmokeInstance")
class BootSmokeInstanceDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;
    private final CloudInventory inventory;

    BootSmokeInstanceDelegate(Sites sites, ComputeCloud compute, CloudInventory inventory) {
        this.sites = sites;
        this.compute = compute;
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        long attempt = Steps.incident(execution).phases().stream().filter(p -> p.phase().equals(Phases.RESOLUTION)).count();
        String name = "dayshift-sev1-smoke-" + execution.getProcessInstanceId().replaceAll("[^A-Za-z0-9]", "") + "-" + attempt;
        String host = compute.hypervisors(site).stream().filter(h -> h.enabled() && h.up())
                .max(Comparator.comparingLong(h -> h.memoryMb() - h.memoryMbUsed())).map(Hypervisor::serviceHost)
                .orElseThrow(() -> new ComputeCloudException("site " + site.name() + ": no enabled, up hypervisor to boot a smoke instance on", 0));
        Optional<ServerSummary> booted = compute.serversOnHost(site, host).stream().filter(s -> s.name().equals(name)).findFirst();
        String id;
        if (booted.isPresent()) {
            id = booted.get().id();
            Steps.record(execution, "GET /servers/detail?host=" + host, name, "already booted as " + id, "");
        } else {
            Flavor flavor = inventory.flavors(site).stream()
                    .min(Comparator.comparingInt(Flavor::ramMb).thenComparingInt(Flavor::vcpus).thenComparingInt(Flavor::diskGb))
                    .orElseThrow(() -> new ComputeCloudException("site " + site.name() + ": no flavor to boot a smoke instance", 0));
            Image image = inventory.images(site).stream().filter(i -> i.status().equals("active"))
                    .min(Comparator.comparing((Image i) -> !i.name().toLowerCase(Locale.ROOT).contains("cirros")).thenComparingLong(Image::sizeBytes))
                    .orElseThrow(() -> new ComputeCloudException("site " + site.name() + ": no active image to boot a smoke instance", 0));
            id = compute.bootServer(site, new ServerRequest(name, flavor.id(), image.id(), Optional.of(host), Optional.empty()));
            Steps.record(execution, "POST /servers name=" + name + " flavor=" + flavor.name() + " image=" + image.name() + " host=" + host, name,
                    "booting as " + id, "");
        }
        SMOKE_SERVER.set(execution, id);
        SMOKE_OUTCOME.set(execution, "booting");
    }
}
