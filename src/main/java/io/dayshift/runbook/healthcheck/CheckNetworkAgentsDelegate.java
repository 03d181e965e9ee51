package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.NetworkAgent;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckNetworkAgents}: every Neutron agent (OVN agents included) alive and up. */
@Component("checkNetworkAgents")
class CheckNetworkAgentsDelegate implements JavaDelegate {

    private final Sites sites;
    private final CloudInventory inventory;

    CheckNetworkAgentsDelegate(Sites sites, CloudInventory inventory) {
        this.sites = sites;
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<NetworkAgent> agents = inventory.networkAgents(site);
        SiteHealthCheck.record(execution, "GET /v2.0/agents (Neutron)", site.name(), agents.size() + " network agents",
                HealthRules.networkAgents(agents));
    }
}
