package io.dayshift.runbook.backup;

import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.backup.BackupSite.Variables.BACKUP_ID;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupHosts;
import io.dayshift.backup.FileFacts;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * A part step whose artefact is one file it writes on the first host of the part's group: finds the group and the target,
 * takes the file unless an earlier try left it there, and records it. A step names only what differs: how it takes the
 * file and the command the run log names.
 */
abstract class HostFileStep implements JavaDelegate {

    /** Writes the file at {@code target} on the first host of {@code group}. */
    interface Take {
        void into(DelegateExecution execution, Site site, String group, String target);
    }

    /** The command that writes the file at {@code target}, as the run log names it. */
    interface Command {
        String of(Site site, String target);
    }

    private final Sites sites;
    private final BackupHosts hosts;
    private final PartRecords records;
    private final ArtefactKind part;
    private final String file;
    private final Take take;
    private final Command command;

    /** @param file the artefact's name in the run's directory */
    HostFileStep(Sites sites, BackupHosts hosts, PartRecords records, ArtefactKind part, String file, Take take, Command command) {
        this.sites = sites;
        this.hosts = hosts;
        this.records = records;
        this.part = part;
        this.file = file;
        this.take = take;
        this.command = command;
    }

    @Override
    public final void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        String group = BackupPlanner.requireHostGroup(site, part);
        String target = BackupPlanner.target(site, BACKUP_ID.get(execution), file);
        Optional<FileFacts> there = hosts.facts(site, group, target);
        if (there.isEmpty()) {
            take.into(execution, site, group, target);
        }
        records.taken(execution, there.or(() -> hosts.facts(site, group, target)).orElseThrow(), rows(execution),
                action(execution, site, target, there.isEmpty()), there.isEmpty());
    }

    /** What the run log names as done; {@code made}: written now, or found from an earlier try. The command unless a step says more. */
    String action(DelegateExecution execution, Site site, String target, boolean made) {
        return command.of(site, target);
    }

    /** The key tables' row counts recorded with the artefact: none but for a database. */
    TableRows rows(DelegateExecution execution) {
        return TableRows.none();
    }
}
