package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestoreVariables.SCOPE;
import static io.dayshift.runbook.restore.DrRestoreVariables.SITE;

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
 * {@code Task_StopAffectedServices}: for a database or full restore of a Kolla site, {@code kolla-ansible stop --limit
 * control} (with the confirmation flag the adapter always adds): every API service that writes to the databases, and
 * MariaDB itself, which must be down for the copy-back. The computes keep running their instances. A configuration
 * restore stops nothing (the redeploy restarts what changed); a charmed site's units stay up (the charm restores the dump
 * into the running cluster).
 */
@Component("stopAffectedServices")
class StopAffectedServicesDelegate implements JavaDelegate {

    private final RestoreTargets targets;
    private final KollaDeployer kolla;

    StopAffectedServicesDelegate(RestoreTargets targets, KollaDeployer kolla) {
        this.targets = targets;
        this.kolla = kolla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (Steps.doneBefore(execution)) {
            return;
        }
        Site site = targets.site(SITE.get(execution));
        boolean database = RestoreScope.parse(SCOPE.get(execution)).orElseThrow().database();
        if (site.flavour() != Flavour.KOLLA || !database) {
            Steps.await(execution, null);
            Steps.record(execution, "none", site.name(), "nothing stopped", site.flavour() == Flavour.KOLLA
                    ? "a configuration restore stops nothing: the redeploy of the controllers restarts what changed"
                    : "charmed: the units stay up; the mysql-innodb-cluster charm restores the dump into the running cluster");
            return;
        }
        KollaRunHandle handle = kolla.start(site, KollaAction.STOP, List.of("control"), Steps.runId(execution));
        Steps.await(execution, handle);
        Steps.record(execution, handle.command(), "control", "started as run " + handle.runId(), "");
    }
}
