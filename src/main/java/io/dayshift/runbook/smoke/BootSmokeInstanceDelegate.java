package io.dayshift.runbook.smoke;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeCloudException;
import io.dayshift.compute.Flavor;
import io.dayshift.compute.Image;
import io.dayshift.compute.ServerRequest;
import io.dayshift.compute.ServerSummary;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.await.InstanceActiveProbe;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_BootSmokeInstance}: the smallest flavor and image (CirrOS first), pinned to the smoke host when there is one,
 * named {@code <smokeName>-<attempt>}; an instance of that name already there (a retried job) is awaited, not booted again.
 */
@Component("bootSmokeTestInstance")
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
        Optional<String> host = SmokeTestInstance.HOST.find(execution).filter(h -> !h.isBlank());
        long attempt = SmokeTestInstance.ATTEMPT.find(execution).orElse(1L);
        SmokeTestInstance.ATTEMPT.set(execution, attempt);
        String name = SmokeTestInstance.NAME.get(execution) + "-" + attempt;
        Optional<ServerSummary> booted = compute.serversNamed(site, name).stream().findFirst();
        String id;
        if (booted.isPresent()) {
            id = booted.get().id();
            RunLog.record(execution, "GET /servers/detail?name=" + name, name, "already booted as " + id, "");
        } else {
            Flavor flavor = inventory.flavors(site).stream()
                    .min(Comparator.comparingInt(Flavor::ramMb).thenComparingInt(Flavor::vcpus).thenComparingInt(Flavor::diskGb))
                    .orElseThrow(() -> new ComputeCloudException("site " + site.name() + ": no flavor to boot smoke instance " + name, 0));
            Image image = inventory.images(site).stream().filter(i -> i.status().equals("active"))
                    .min(Comparator.comparing((Image i) -> !i.name().toLowerCase(Locale.ROOT).contains("cirros")).thenComparingLong(Image::sizeBytes))
                    .orElseThrow(() -> new ComputeCloudException("site " + site.name() + ": no active image to boot smoke instance " + name, 0));
            id = compute.bootServer(site, new ServerRequest(name, flavor.id(), image.id(), host, Optional.empty()));
            RunLog.record(execution, "POST /servers name=" + name + " flavor=" + flavor.name() + " image=" + image.name()
                    + host.map(h -> " host=" + h).orElse(""), name, "booting as " + id, "");
        }
        SmokeTestInstance.SERVER.set(execution, id);
        SmokeTestInstance.INSTANCE.set(execution, name);
        AwaitOperation.OPERATION.set(execution, InstanceActiveProbe.operation(site.name(), name, id, host.orElse("")));
    }
}
