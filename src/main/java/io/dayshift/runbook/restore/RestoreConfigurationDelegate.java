package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.BACKUP_ID;
import static io.dayshift.runbook.restore.DrRestore.Variables.SCOPE;
import static io.dayshift.runbook.RunVariables.SITE;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.kolla.FileChange;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import io.dayshift.engine.RunLog;

/**
 * {@code Task_RestoreConfiguration} (config and full scope): Kolla: the backup's configuration archive unpacked over the
 * configuration directory on the deployer, the current one kept beside it. Charmed: the Juju controller is restored out
 * of band, so the step hands it over with the exact commands.
 */
@Component("restoreConfiguration")
class RestoreConfigurationDelegate implements JavaDelegate {

    private final RestoreTargets targets;
    private final KollaDeployer kolla;

    RestoreConfigurationDelegate(RestoreTargets targets, KollaDeployer kolla) {
        this.targets = targets;
        this.kolla = kolla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = targets.site(SITE.get(execution));
        if (!RestoreScope.parse(SCOPE.get(execution)).orElseThrow().config()) {
            RunLog.record(execution, "none", site.name(), "skipped: the scope is " + SCOPE.get(execution), null, "");
            return;
        }
        if (site.flavour() == Flavour.KOLLA) {
            Artefact archive = targets.onItsHost(execution, site, BACKUP_ID.get(execution), targets.artefact(BACKUP_ID.get(execution), ArtefactKind.KOLLA_CONFIG));
            FileChange change = kolla.restoreConfiguration(site, archive.path());
            RunLog.record(execution, "tar -xzf " + archive.path() + " (on the deployer)", change.file(), "restored", null,
                    "the previous configuration is kept as " + change.backup());
            return;
        }
        Artefact controller = targets.artefact(BACKUP_ID.get(execution), ArtefactKind.JUJU_CONTROLLER);
        String note = "Juju controller: restore " + controller.host() + ":" + controller.path() + " out of band with juju-restore on the controller "
                + "machine (https://juju.is/docs/olm/restore-a-controller-from-a-backup), then 'juju status -m controller'; Vault and Ceph: "
                + "unseal Vault and check 'ceph -s' by hand";
        DrRestore.handOver(execution, note);
        RunLog.record(execution, "none (hand-over)", controller.host(), "handed over", null, note);
    }
}
