package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.VolumeService;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckVolumeServices}: every Cinder service up and enabled. */
@Component("checkVolumeServices")
class CheckVolumeServicesDelegate implements JavaDelegate {

    private final Sites sites;
    private final CloudInventory inventory;

    CheckVolumeServicesDelegate(Sites sites, CloudInventory inventory) {
        this.sites = sites;
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<VolumeService> services = inventory.volumeServices(site);
        SiteHealthCheck.record(execution, "GET /os-services (Cinder)", site.name(), services.size() + " volume services",
                HealthRules.volumeServices(services));
    }
}
