package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.upgrade.RollingUpgradeVariables.*;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ServerSummary;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckSmokeInstance}: ACTIVE on the host passes and the instance is deleted; ERROR or gone fails; else it waits. */
@Component("checkUpgradeSmokeInstance")
class CheckUpgradeSmokeInstanceDelegate implements JavaDelegate {

    private final Sites sites;
    private final ComputeCloud compute;

    CheckUpgradeSmokeInstanceDelegate(Sites sites, ComputeCloud compute) {
        this.sites = sites;
        this.compute = compute;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UpgradePlan plan = PLAN.get(execution);
        Site site = sites.require(plan.site());
        String id = SMOKE_INSTANCE.get(execution);
        String host = plan.smokeHost();
        Optional<ServerSummary> server = compute.server(site, id);
        boolean active = server.filter(s -> s.status().equals("ACTIVE") && s.host().filter(host::equals).isPresent()).isPresent();
        boolean failed = server.isEmpty() || server.get().status().equals("ERROR");
        String detail = server.map(s -> "instance " + id + " is " + s.status() + " on " + s.host().orElse("no host")).orElse("instance " + id + " is gone");
        if (server.isPresent() && (active || failed)) {
            compute.deleteServer(site, id);
            detail += "; deleted";
        }
        String outcome = Steps.conclude(execution, active, failed, detail, "");
        Steps.record(execution, "GET /servers/" + id + (server.isPresent() && (active || failed) ? "; DELETE /servers/" + id : ""), host, outcome, detail);
    }
}
