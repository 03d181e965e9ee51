package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.PAUSED_UNITS;
import static io.dayshift.runbook.restore.DrRestore.Variables.SCOPE;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.charm.CharmModel;
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
 * {@code Task_StopAffectedServices}: for a database or full restore of a Kolla site, {@code kolla-ansible stop --limit
 * control} (with the confirmation flag the adapter always adds): every API service that writes to the databases, and
 * MariaDB itself, which must be down for the copy-back. The computes keep running their instances. Charmed: the units of
 * the API applications are paused ({@code pause} action; the mysql-innodb-cluster stays up, the charm restores the dump
 * into it). A configuration restore stops nothing (the redeploy restarts what changed).
 */
@Component("stopAffectedServices")
class StopAffectedServicesDelegate implements JavaDelegate {

    private final RestoreTargets targets;
    private final KollaDeployer kolla;
    private final CharmModel charms;

    StopAffectedServicesDelegate(RestoreTargets targets, KollaDeployer kolla, CharmModel charms) {
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
        boolean database = RestoreScope.parse(SCOPE.get(execution)).orElseThrow().database();
        if (!database) {
            DrRestore.started(execution, site.name(), null);
            RunLog.record(execution, "none", site.name(), "nothing stopped", null, "a configuration restore stops nothing: the redeploy of the controllers "
                    + "restarts what changed");
            return;
        }
        if (site.flavour() != Flavour.KOLLA) {
            DrRestore.started(execution, site.name(), null);
            List<String> paused = ApiUnits.pause(charms, site);
            PAUSED_UNITS.set(execution, new DrRestore.UnitList(paused));
            RunLog.record(execution, "juju run <unit> pause (the API applications)", site.name(), "paused " + paused.size() + " unit(s)", null,
                    String.join(", ", paused));
            return;
        }
        KollaRunHandle handle = kolla.start(site, KollaAction.STOP, List.of("control"), DrRestore.runId(execution));
        DrRestore.started(execution, "control", handle);
        RunLog.record(execution, handle.command(), "control", "started as run " + handle.runId(), null, "");
    }
}
