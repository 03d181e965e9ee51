package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.ATTEMPT;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.MACHINE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SITE;
import static io.dayshift.runbook.addcompute.AddComputeNodeVariables.SMOKE_SERVER;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeCloudException;
import io.dayshift.compute.Flavor;
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
 * {@code Task_BootSmokeTestServer}: a tiny server pinned to the new host, with the smallest flavor and a CirrOS image
 * (else the smallest active image), without a network. Its name is fixed per attempt, so a retried job finds the server
 * it booted instead of booting another.
 */
@Component("bootSmokeTestServer")
class BootSmokeTestServerDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;
    private final CloudInventory inventory;
    private final AddComputeNodeSettings settings;

    BootSmokeTestServerDelegate(Sites sites, ComputeCloud compute, CloudInventory inventory, AddComputeNodeSettings settings) {
        this.sites = sites;
        this.compute = compute;
        this.inventory = inventory;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String host = MACHINE.get(execution);
        String name = "dayshift-smoke-" + host + "-" + ATTEMPT.get(execution);
        Optional<ServerSummary> booted = compute.serversOnHost(site, host).stream().filter(s -> s.name().equals(name)).findFirst();
        String id;
        if (booted.isPresent()) {
            id = booted.get().id();
            Steps.record(execution, "GET /servers/detail?host=" + host, name, "already booted as " + id, "");
        } else {
            Flavor flavor = inventory.flavors(site).stream()
                    .min(Comparator.comparingInt(Flavor::ramMb).thenComparingInt(Flavor::vcpus).thenComparingInt(Flavor::diskGb))
                    .orElseThrow(() -> new ComputeCloudException("site " + site.name() + ": no flavor to boot a smoke test on " + host, 0));
            Image image = inventory.images(site).stream().filter(i -> i.status().equals("active"))
                    .min(Comparator.comparing((Image i) -> !i.name().toLowerCase(Locale.ROOT).contains("cirros")).thenComparingLong(Image::sizeBytes))
                    .orElseThrow(() -> new ComputeCloudException("site " + site.name() + ": no active image to boot a smoke test on " + host, 0));
            id = compute.bootServer(site, new ServerRequest(name, flavor.id(), image.id(), Optional.of(host), Optional.empty()));
            Steps.record(execution, "POST /servers name=" + name + " flavor=" + flavor.name() + " image=" + image.name() + " host=" + host, name,
                    "booting as " + id, "");
        }
        SMOKE_SERVER.set(execution, id);
        Steps.startWait(execution, "smoke-test server " + name + " (" + id + ") ACTIVE on " + host, settings.smokeTestDeadline());
    }
}
