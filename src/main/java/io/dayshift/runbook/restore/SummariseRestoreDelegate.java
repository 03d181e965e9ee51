package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Variables.ACHIEVED_RTO_MINUTES;
import static io.dayshift.runbook.restore.DrRestore.Variables.BACKUP_AGE_HOURS;
import static io.dayshift.runbook.restore.DrRestore.Variables.BACKUP_ID;
import static io.dayshift.runbook.restore.DrRestore.Variables.HAND_OVER;
import static io.dayshift.runbook.restore.DrRestore.Variables.RESTORED;
import static io.dayshift.runbook.restore.DrRestore.Variables.ROW_CHECK;
import static io.dayshift.runbook.restore.DrRestore.Variables.RPO_HOURS;
import static io.dayshift.runbook.restore.DrRestore.Variables.RTO_HOURS;
import static io.dayshift.runbook.restore.DrRestore.Variables.RTO_MET;
import static io.dayshift.runbook.restore.DrRestore.Variables.SCOPE;
import static io.dayshift.runbook.restore.DrRestore.Variables.SERVICES_OK;
import static io.dayshift.runbook.restore.DrRestore.Variables.SERVICE_CHECK;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.restore.DrRestore.Variables.STARTED_AT;
import static io.dayshift.runbook.restore.DrRestore.Variables.TEST_DETAIL;
import static io.dayshift.runbook.restore.DrRestore.Variables.TEST_OUTCOME;
import static io.dayshift.runbook.restore.DrRestore.Variables.VERIFIED;

import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.await.AwaitOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SummariseRestore}: {@code verified}, the achieved RTO (from the start of the run to now, when the
 * verification ended) against the objective, and one paragraph for the auditors.
 */
@Component("summariseRestore")
class SummariseRestoreDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        boolean verified = SERVICES_OK.find(execution).orElse(false) && AwaitOperation.SUCCEEDED.equals(TEST_OUTCOME.find(execution).orElse(""));
        Duration took = Duration.between(Instant.parse(STARTED_AT.get(execution)), RunLog.now());
        long rtoHours = RTO_HOURS.get(execution);
        boolean met = took.compareTo(Duration.ofHours(rtoHours)) <= 0;
        RESTORED.set(execution, true);
        VERIFIED.set(execution, verified);
        ACHIEVED_RTO_MINUTES.set(execution, took.toMinutes());
        RTO_MET.set(execution, met);
        String approvals = Approvals.DECISIONS.find(execution).map(d -> d.decisions().stream().filter(a -> a.approved())
                .map(a -> a.approver() + " (\"" + a.reason() + "\")").collect(Collectors.joining(", "))).orElse("");
        String summary = "Site " + SITE.get(execution) + " restored (" + SCOPE.get(execution) + ") from backup " + BACKUP_ID.get(execution) + ", "
                + BACKUP_AGE_HOURS.get(execution) + " h old (RPO " + RPO_HOURS.get(execution) + " h), and " + (verified ? "verified" : "NOT verified")
                + ": " + SERVICE_CHECK.find(execution).orElse("") + "; " + TEST_DETAIL.find(execution).map(d -> "test " + d).orElse("no test instance") + ". "
                + ROW_CHECK.find(execution).map(r -> "Row counts: " + r.replace("\n", "; ") + ". ").orElse("")
                + "Achieved RTO " + took.toHours() + " h " + took.toMinutesPart() + " min: the " + rtoHours + " h objective was " + (met ? "met" : "MISSED")
                + ". " + HAND_OVER.find(execution).map(h -> "Hand-over: " + String.join("; ", h.notes()) + ". ").orElse("")
                + "Started by " + Approvals.INITIATOR.find(execution).orElse("(unknown)") + ", approved by " + approvals + ".";
        RunLog.summarise(execution, summary);
        RunLog.record(execution, "summary", SITE.get(execution), verified ? "restored and verified" : "restored, not verified", null, summary);
    }
}
