package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.ApiEndpoint;
import io.dayshift.compute.CloudInventory;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckApiEndpoints}: every endpoint of the site's service catalog answers a GET on its root. */
@Component("checkApiEndpoints")
class CheckApiEndpointsDelegate implements JavaDelegate {

    private final Sites sites;
    private final CloudInventory inventory;

    CheckApiEndpointsDelegate(Sites sites, CloudInventory inventory) {
        this.sites = sites;
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<ApiEndpoint> endpoints = inventory.apiEndpoints(site);
        SiteHealthCheck.record(execution, "GET on the root of each catalog endpoint", site.name(), endpoints.size() + " endpoints "
                + endpoints.stream().map(e -> e.serviceType() + "=" + e.status().stream().mapToObj(Integer::toString).findFirst().orElse("none"))
                .toList(), HealthRules.apiEndpoints(endpoints));
    }
}
