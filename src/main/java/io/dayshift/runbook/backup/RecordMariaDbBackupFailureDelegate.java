package io.dayshift.runbook.backup;

import static io.dayshift.runbook.backup.BackupSite.Variables.PART_DEADLINE;

import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.await.KollaRunProbe;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordMariaDbBackupFailure} (Kolla): the run failed, was lost or did not finish by its deadline. The part is
 * recorded as not backed up, with what the last look found and the end of the run's log (the PLAY RECAP) as evidence; the
 * nightly run goes on unattended, so no one is asked.
 */
@Component("recordMariaDbBackupFailure")
class RecordMariaDbBackupFailureDelegate implements JavaDelegate {

    private final PartRecords records;

    RecordMariaDbBackupFailureDelegate(PartRecords records) {
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        KollaRunHandle run = KollaRunProbe.handle(AwaitOperation.OPERATION.get(execution));
        String[] detail = AwaitOperation.DETAIL.find(execution).orElse("").split("\n\n", 2);
        String reason = AwaitOperation.TIMED_OUT.equals(AwaitOperation.OUTCOME.get(execution))
                ? "did not finish within " + PART_DEADLINE.get(execution) : "failed: " + detail[0];
        records.failed(execution, run.command(), run.runId(), "kolla-ansible mariadb_backup " + reason, detail.length > 1 ? detail[1] : "");
    }
}
