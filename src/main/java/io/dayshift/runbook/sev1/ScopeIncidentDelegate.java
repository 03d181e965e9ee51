package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.DETECTION_FINDINGS;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.DETECTION_HEALTH;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.SCOPE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ScopeIncident}: which services and hosts are affected, from the health check's findings and Nova's services. */
@Component("scopeIncident")
class ScopeIncidentDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    ScopeIncidentDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<String> down = IncidentScope.downHosts(compute.computeServices(site));
        String scope = IncidentScope.describe(DETECTION_HEALTH.find(execution).orElse("unknown"), DETECTION_FINDINGS.find(execution).orElse(List.of()), down);
        SCOPE.set(execution, scope);
        RunLog.record(execution, "GET /os-services (scope the incident)", site.name(), down.size() + " hypervisor(s) down", null, scope);
    }
}
