package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestoreVariables.SITE;

import io.dayshift.charm.CharmModel;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RedeployControllers} ({@code kolla-ansible deploy --limit control}) and {@code Task_ResyncComputes}
 * ({@code deploy --limit compute}, which brings every nova-compute and agent back in line with the restored databases and
 * configuration), detached. Charmed: Juju redeploys nothing; the step records the units that are not active/idle, for
 * the verification to follow.
 */
@Component("redeployGroup")
class RedeployDelegate implements JavaDelegate {

    private final RestoreTargets targets;
    private final KollaDeployer kolla;
    private final CharmModel charms;

    RedeployDelegate(RestoreTargets targets, KollaDeployer kolla, CharmModel charms) {
        this.targets = targets;
        this.kolla = kolla;
        this.charms = charms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (Steps.doneBefore(execution)) {
            return;
        }
        Site site = targets.site(SITE.get(execution));
        String group = execution.getCurrentActivityId().equals(DrRestoreIds.REDEPLOY_CONTROLLERS) ? "control" : "compute";
        if (site.flavour() != Flavour.KOLLA) {
            Steps.await(execution, null);
            ModelStatus status = charms.status(site);
            List<String> unsettled = status.applications().values().stream().flatMap(a -> a.units().values().stream())
                    .filter(u -> !u.activeAndIdle()).map(Unit::name).sorted().toList();
            Steps.record(execution, "juju status --format=json", site.name(), unsettled.isEmpty() ? "every unit active/idle" : "units not active/idle",
                    unsettled.isEmpty() ? "" : String.join(", ", unsettled));
            return;
        }
        KollaRunHandle handle = kolla.start(site, KollaAction.DEPLOY, List.of(group), Steps.runId(execution));
        Steps.await(execution, handle);
        Steps.record(execution, handle.command(), group, "started as run " + handle.runId(), "");
    }
}
