package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.upgrade.RollingUpgradeVariables.*;

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
 * {@code Task_BootSmokeInstance}: a tiny instance on the first upgraded host (the canary; the next one when the canary was
 * disabled before the upgrade and stays so), smallest flavor, a CirrOS image
 * (else the smallest active one), no network. Its name is fixed per attempt, so a retried job finds it instead of booting another.
 */
@Component("bootUpgradeSmokeInstance")
class BootUpgradeSmokeInstanceDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;
    private final CloudInventory inventory;
    private final RollingUpgradeSettings settings;

    BootUpgradeSmokeInstanceDelegate(Sites sites, ComputeCloud compute, CloudInventory inventory, RollingUpgradeSettings settings) {
        this.sites = sites;
        this.compute = compute;
        this.inventory = inventory;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UpgradePlan plan = PLAN.get(execution);
        Site site = sites.require(plan.site());
        String host = plan.smokeHost();
        long attempt = ATTEMPT.find(execution).orElse(1L);
        String name = "dayshift-upgrade-smoke-" + plan.targetRelease() + "-" + attempt;
        Optional<ServerSummary> booted = compute.serversOnHost(site, host).stream().filter(s -> s.name().equals(name)).findFirst();
        String id;
        if (booted.isPresent()) {
            id = booted.get().id();
            Steps.record(execution, "GET /servers/detail?host=" + host, name, "already booted as " + id, "");
        } else {
            Flavor flavor = inventory.flavors(site).stream().min(Comparator.comparingInt(Flavor::ramMb).thenComparingInt(Flavor::vcpus))
                    .orElseThrow(() -> new ComputeCloudException("site " + site.name() + ": no flavor for the smoke instance", 0));
            Image image = inventory.images(site).stream().filter(i -> i.status().equals("active"))
                    .min(Comparator.comparing((Image i) -> !i.name().toLowerCase(Locale.ROOT).contains("cirros")).thenComparingLong(Image::sizeBytes))
                    .orElseThrow(() -> new ComputeCloudException("site " + site.name() + ": no active image for the smoke instance", 0));
            id = compute.bootServer(site, new ServerRequest(name, flavor.id(), image.id(), Optional.of(host), Optional.empty()));
            Steps.record(execution, "POST /servers name=" + name + " flavor=" + flavor.name() + " image=" + image.name() + " host=" + host, name,
                    "booting as " + id, "");
        }
        SMOKE_INSTANCE.set(execution, id);
        Steps.startWait(execution, "smoke instance " + name + " (" + id + ") ACTIVE on " + host, settings.smokeDeadline());
    }
}
