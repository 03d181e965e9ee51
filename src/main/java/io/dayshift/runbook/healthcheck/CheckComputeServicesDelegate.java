package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckComputeServices}: every Nova service up and enabled. */
@Component("checkComputeServices")
class CheckComputeServicesDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    CheckComputeServicesDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<ComputeService> services = compute.computeServices(site);
        SiteHealthCheck.record(execution, "GET /os-services (Nova)", site.name(), services.size() + " compute services",
                HealthRules.computeServices(services));
    }
}
