package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.Hypervisor;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckHypervisorUsage}: each hypervisor's vCPU, RAM and disk against its Placement capacity and the thresholds. */
@Component("checkHypervisorUsage")
class CheckHypervisorUsageDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;
    private final SiteHealthCheck settings;

    CheckHypervisorUsageDelegate(Sites sites, ComputeCloud compute, SiteHealthCheck settings) {
        this.sites = sites;
        this.compute = compute;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<HypervisorLoad> loads = compute.hypervisors(site).stream()
                .map((Hypervisor h) -> HealthRules.load(h, compute.inventories(site, h.hostname())))
                .toList();
        Thresholds t = settings.thresholds();
        SiteHealthCheck.record(execution, "GET /os-hypervisors/detail (Nova), GET /resource_providers/{uuid}/inventories (Placement)", site.name(),
                loads.size() + " hypervisors against CPU " + t.cpuPercent() + " %, RAM " + t.ramPercent() + " %, disk " + t.diskPercent() + " %",
                HealthRules.hypervisorUsage(loads, t));
    }
}
