package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.DOWN_HOSTS;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.DOWN_HOST_INSTANCES;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.EVIDENCE;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeService;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ListDownHypervisors}: the compute hosts whose nova-compute is down and the instances each holds (kept for the
 * approver of an evacuation, {@link DownHostInstances}); starts the evidence.
 */
@Component("listDownHypervisors")
class ListDownHypervisorsDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    ListDownHypervisorsDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<ComputeService> services = compute.computeServices(site).stream().filter(ComputeService::isCompute).toList();
        List<String> down = IncidentScope.downHosts(services);
        StringBuilder text = new StringBuilder("== Hypervisors (GET /os-services)\n");
        Map<String, List<DownHostInstances.Instance>> instances = new TreeMap<>();
        for (ComputeService s : services.stream().filter(s -> down.contains(s.host())).toList()) {
            List<DownHostInstances.Instance> on = compute.serverDetailsOnHost(site, s.host()).stream().map(d -> new DownHostInstances.Instance(d.id(), d.name(),
                    d.status(), d.flavor().name(), d.flavor().vcpus(), d.flavor().ramMb(), d.flavor().diskGb())).toList();
            instances.put(s.host(), on);
            text.append(s.host()).append(": nova-compute ").append(s.forcedDown() ? "forced down" : "down").append(", ")
                    .append(s.enabled() ? "enabled" : "disabled").append(s.updatedAt().map(at -> ", last report " + at).orElse(""))
                    .append(", ").append(on.size()).append(" instance(s)\n");
        }
        DOWN_HOST_INSTANCES.set(execution, new DownHostInstances(instances, RunLog.now()));
        text.append(down.isEmpty() ? "every nova-compute is up (" + services.size() + ")\n" : "");
        DOWN_HOSTS.set(execution, String.join(",", down));
        EVIDENCE.set(execution, text.toString());
        RunLog.record(execution, "GET /os-services?binary=nova-compute; GET /servers/detail?host=<down host>", site.name(),
                down.isEmpty() ? "no hypervisor down" : "down: " + String.join(", ", down), null, text.toString());
    }
}
