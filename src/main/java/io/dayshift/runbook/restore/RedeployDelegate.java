package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.PAUSED_UNITS;
import static io.dayshift.runbook.RunVariables.SITE;

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
import io.dayshift.engine.RunLog;

/**
 * {@code Task_RedeployControllers} ({@code kolla-ansible deploy --limit control}) and {@code Task_ResyncComputes}
 * ({@code deploy --limit compute}, which brings every nova-compute and agent back in line with the restored databases and
 * configuration), detached. Charmed: the controllers' step resumes the API units the run paused; both record the units
 * that are not active/idle, for the verification to follow.
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
        if (DrRestore.doneBefore(execution)) {
            return;
        }
        Site site = targets.site(SITE.get(execution));
        String group = execution.getCurrentActivityId().equals(DrRestore.Elements.REDEPLOY_CONTROLLERS) ? "control" : "compute";
        if (site.flavour() != Flavour.KOLLA) {
            DrRestore.started(execution, site.name(), null);
            if (group.equals("control")) {
                List<String> resumed = ApiUnits.resume(charms, site, PAUSED_UNITS.find(execution).map(DrRestore.UnitList::units).orElse(List.of()));
                RunLog.record(execution, "juju run <unit> resume (the units the run paused)", site.name(), "resumed " + resumed.size() + " unit(s)", null,
                        String.join(", ", resumed));
            }
            ModelStatus status = charms.status(site);
            List<String> unsettled = status.applications().values().stream().flatMap(a -> a.units().values().stream())
                    .filter(u -> !u.activeAndIdle()).map(Unit::name).sorted().toList();
            RunLog.record(execution, "juju status --format=json", site.name(), unsettled.isEmpty() ? "every unit active/idle" : "units not active/idle", null,
                    unsettled.isEmpty() ? "" : String.join(", ", unsettled));
            return;
        }
        KollaRunHandle handle = kolla.start(site, KollaAction.DEPLOY, List.of(group), DrRestore.runId(execution));
        DrRestore.started(execution, group, handle);
        RunLog.record(execution, handle.command(), group, "started as run " + handle.runId(), null, "");
    }
}
