package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.sev1.Sev1Incident.Variables.EVACUATIONS;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.RESOLUTION_FINDINGS;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.RESOLUTION_HEALTH;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.RESOLVED;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.SMOKE_OUTCOME;
import static io.dayshift.runbook.sev1.Sev1Incident.Variables.VERDICT;

import io.dayshift.engine.RunLog;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.healthcheck.Finding;
import io.dayshift.runbook.healthcheck.Health;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_JudgeResolution}, a rule: the incident is resolved when the smoke instance went ACTIVE and the health check
 * has no RED finding but those about hosts this incident fenced (a fenced host stays down until it is repaired: a follow-up,
 * not the outage). AMBER findings (capacity, disabled services) do not hold the incident open; the summary lists them.
 */
@Component("judgeResolution")
class JudgeResolutionDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        Set<String> fenced = EVACUATIONS.find(execution).map(Evacuations::host).map(Set::of).orElse(Set.of());
        List<Finding> red = RESOLUTION_FINDINGS.find(execution).orElse(List.of()).stream().filter(f -> f.health() == Health.RED)
                .filter(f -> !fenced.contains(IncidentScope.hostOf(f))).toList();
        String outcome = SMOKE_OUTCOME.find(execution).orElse("");
        boolean smoke = AwaitOperation.SUCCEEDED.equals(outcome);
        boolean resolved = red.isEmpty() && smoke;
        String verdict = (resolved ? "Resolved: " : "NOT resolved: ") + "site health " + RESOLUTION_HEALTH.find(execution).orElse("unknown")
                + (red.isEmpty() ? " with no red finding" + (fenced.isEmpty() ? "" : " beyond the fenced host " + String.join(", ", fenced))
                : ", red: " + red.stream().map(f -> f.check() + " " + f.subject() + " " + f.message()).collect(Collectors.joining("; ")))
                + "; smoke instance " + (smoke ? "ACTIVE" : outcome.equals(AwaitOperation.TIMED_OUT) ? "not ACTIVE by the deadline" : outcome.isEmpty() ? "not booted" : "failed") + ".";
        RESOLVED.set(execution, resolved);
        VERDICT.set(execution, verdict);
        RunLog.record(execution, "judge the resolution", "", resolved ? "resolved" : "not resolved", null, verdict);
    }
}
