package io.dayshift.runbook.backup;

import static io.dayshift.runbook.backup.BackupSite.Variables.PART_DEADLINE;

import io.dayshift.engine.RunLog;
import io.dayshift.runbook.backup.BackupSite.Elements;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordPartTimeout}: the part did not end within its deadline, usually because a step ran out of retries and
 * its incident was not resolved in time. The part is recorded as not backed up, with that incident's message (written by the
 * adapters without secrets) as the reason, so the summary names it; the incident stays in the history. An incident of the
 * MariaDB backup's wait is the look's, in the {@code await-operation} it called: its root cause names the look.
 */
@Component("recordPartTimeout")
class RecordPartTimeoutDelegate implements JavaDelegate {

    private static final Set<String> PART_TASKS = Set.of(Elements.START_MARIADB_BACKUP, Elements.AWAIT_MARIADB_BACKUP, Elements.RECORD_MARIADB_BACKUP,
            Elements.RECORD_MARIADB_BACKUP_FAILURE, Elements.ARCHIVE_KOLLA_CONFIG, Elements.CREATE_CONTROLLER_BACKUP, Elements.DUMP_MYSQL_CLUSTER,
            Elements.COPY_MYSQL_DUMP, Elements.DUMP_MAAS_DATABASE, Elements.EXPORT_CEPH_CONFIG, Elements.SAVE_VAULT_SNAPSHOT, Elements.VERIFY_ARTEFACT,
            Elements.COPY_ARTEFACT_OFF_HOST, Elements.VERIFY_OFF_HOST_COPY);

    private final HistoryService history;
    private final PartRecords records;

    RecordPartTimeoutDelegate(HistoryService history, PartRecords records) {
        this.history = history;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Duration deadline = Duration.parse(PART_DEADLINE.get(execution));
        Date partStart = Date.from(RunLog.now().minus(deadline).minusSeconds(60));
        String incident = history.createHistoricIncidentQuery().processInstanceId(execution.getProcessInstanceId())
                .orderByCreateTime().desc().list().stream()
                .filter(i -> PART_TASKS.contains(i.getActivityId()) && !i.getCreateTime().before(partStart))
                .findFirst().map(this::describe).orElse("");
        records.failed(execution, "part deadline " + deadline, PartRecords.part(execution).name(),
                "did not finish within " + deadline + incident, "");
    }

    /** Where the incident is and what it says: for one of a called process, its root cause's step and message. */
    private String describe(HistoricIncident incident) {
        String root = incident.getRootCauseIncidentId();
        HistoricIncident cause = root == null || root.equals(incident.getId()) ? incident
                : Optional.ofNullable(history.createHistoricIncidentQuery().incidentId(root).singleResult()).orElse(incident);
        return " after an incident at " + incident.getActivityId() + (cause == incident ? "" : " (" + cause.getActivityId() + ")") + ": " + message(cause);
    }

    private static String message(HistoricIncident incident) {
        String message = incident.getIncidentMessage() == null ? "" : incident.getIncidentMessage();
        return message.length() <= 400 ? message : message.substring(0, 399) + "…";
    }
}
