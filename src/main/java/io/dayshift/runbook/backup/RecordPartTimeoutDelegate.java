package io.dayshift.runbook.backup;

import static io.dayshift.runbook.backup.BackupSiteVariables.PART_DEADLINE;

import java.time.Duration;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordPartTimeout}: the part did not end within its deadline, usually because a step ran out of retries and
 * its incident was not resolved in time. The part is recorded as not backed up, with that incident's message (written by the
 * adapters without secrets) as the reason, so the summary names it; the incident stays in the history.
 */
@Component("recordPartTimeout")
class RecordPartTimeoutDelegate implements JavaDelegate {

    private static final Set<String> PART_TASKS = Set.of(BackupSiteIds.START_MARIADB_BACKUP, BackupSiteIds.CHECK_MARIADB_BACKUP,
            BackupSiteIds.ARCHIVE_KOLLA_CONFIG, BackupSiteIds.CREATE_CONTROLLER_BACKUP, BackupSiteIds.DUMP_MYSQL_CLUSTER, BackupSiteIds.COPY_MYSQL_DUMP,
            BackupSiteIds.DUMP_MAAS_DATABASE, BackupSiteIds.EXPORT_CEPH_CONFIG, BackupSiteIds.SAVE_VAULT_SNAPSHOT, BackupSiteIds.VERIFY_ARTEFACT,
            BackupSiteIds.COPY_ARTEFACT_OFF_HOST, BackupSiteIds.VERIFY_OFF_HOST_COPY);

    private final HistoryService history;
    private final PartRecords records;

    RecordPartTimeoutDelegate(HistoryService history, PartRecords records) {
        this.history = history;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Duration deadline = Duration.parse(PART_DEADLINE.get(execution));
        Date partStart = Date.from(PartRecords.now().minus(deadline).minusSeconds(60));
        String incident = history.createHistoricIncidentQuery().processInstanceId(execution.getProcessInstanceId())
                .orderByCreateTime().desc().list().stream()
                .filter(i -> PART_TASKS.contains(i.getActivityId()) && !i.getCreateTime().before(partStart))
                .findFirst().map(i -> " after an incident at " + i.getActivityId() + ": " + message(i)).orElse("");
        records.failed(execution, "part deadline " + deadline, PartRecords.part(execution).name(),
                "did not finish within " + deadline + incident, "");
    }

    private static String message(HistoricIncident incident) {
        String message = incident.getIncidentMessage() == null ? "" : incident.getIncidentMessage();
        return message.length() <= 400 ? message : message.substring(0, 399) + "…";
    }
}
