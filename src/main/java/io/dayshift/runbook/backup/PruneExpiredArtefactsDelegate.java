package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.PRUNED;
import static io.dayshift.runbook.backup.BackupSite.Variables.PRUNED_COPIES;

import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupHosts;
import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_PruneExpiredArtefacts}: removes what {@link RetentionPolicy} names, each from the host that holds it (only paths
 * under the backup directory or the MariaDB backup volume), then the expired copies on the off-host store (only under its
 * path there), and records each pruning. A retry finds the ones already gone.
 */
@Component("pruneExpiredArtefacts")
class PruneExpiredArtefactsDelegate implements JavaDelegate {

    private final Sites sites;
    private final BackupCatalogue catalogue;
    private final BackupHosts hosts;

    PruneExpiredArtefactsDelegate(Sites sites, BackupCatalogue catalogue, BackupHosts hosts) {
        this.sites = sites;
        this.catalogue = catalogue;
        this.hosts = hosts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        Instant now = RunLog.now();
        long pruned = 0;
        for (RetentionPolicy.Expired expired : RetentionPolicy.expired(catalogue.forSite(site.name()), site.backup(), now)) {
            Optional<String> group = BackupPlanner.hostGroup(site, expired.artefact().kind())
                    .filter(g -> site.firstHostOf(g).host().equals(expired.artefact().host()));
            String target = expired.artefact().host() + ":" + expired.artefact().path();
            if (group.isEmpty()) {
                RunLog.record(execution, new StepRecord(null, "prune " + expired.setId(), target, "kept: its host is no longer configured for "
                        + expired.artefact().kind(), null, "", now));
                continue;
            }
            boolean removed = hosts.remove(site, group.get(), expired.artefact().path());
            catalogue.markPruned(expired.setId(), expired.artefact().kind(), now, execution.getProcessInstanceId());
            pruned++;
            RunLog.record(execution, new StepRecord(null, "rm -f " + expired.artefact().path(), target, (removed ? "pruned" : "was gone already")
                    + " (" + expired.artefact().kind() + " of " + expired.artefact().takenAt() + ", set " + expired.setId() + ")", 0, "", now));
        }
        PRUNED.set(execution.getProcessInstance(), pruned);
        PRUNED_COPIES.set(execution.getProcessInstance(), pruneCopies(execution, site, now));
    }

    /** The expired copies on the off-host store, each removed there (only under its configured path) and recorded. */
    private long pruneCopies(DelegateExecution execution, Site site, Instant now) {
        Site.OffHost store = site.backup().offHost();
        if (store == null) {
            return 0;
        }
        long pruned = 0;
        for (RetentionPolicy.Expired expired : RetentionPolicy.expiredCopies(catalogue.copiesForSite(site.name()), site.backup(), now)) {
            String target = expired.artefact().host() + ":" + expired.artefact().path();
            if (!site.firstHostOf(store.hostGroup()).host().equals(expired.artefact().host()) || !expired.artefact().path().startsWith(store.path() + "/")) {
                RunLog.record(execution, new StepRecord(null, "prune copy " + expired.setId(), target, "kept: not on the configured off-host target "
                        + site.firstHostOf(store.hostGroup()).host() + ":" + store.path(), null, "", now));
                continue;
            }
            boolean removed = hosts.remove(site, store.hostGroup(), expired.artefact().path());
            catalogue.markCopyPruned(expired.setId(), expired.artefact().kind(), now, execution.getProcessInstanceId());
            pruned++;
            RunLog.record(execution, new StepRecord(null, "rm -f " + expired.artefact().path(), target, (removed ? "copy pruned" : "copy was gone already")
                    + " (" + expired.artefact().kind() + " of " + expired.artefact().takenAt() + ", set " + expired.setId() + ")", 0, "", now));
        }
        return pruned;
    }
}
