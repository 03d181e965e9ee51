package io.dayshift.runbook.sev1;

import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Appends this package's step records and keeps the incident record, stamped with the engine's clock. */
final class Steps {

    private Steps() {
    }

    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    static void record(DelegateExecution execution, String action, String target, String result, String evidence) {
        RunLog.record(execution, new StepRecord(null, action, target, result, null, evidence, now()));
    }

    static void record(DelegateExecution execution, String step, String action, String target, String result, String evidence) {
        RunLog.record(execution, new StepRecord(step, action, target, result, null, evidence, now()));
    }

    static IncidentRecord incident(VariableScope scope) {
        return Sev1IncidentVariables.INCIDENT.get(scope);
    }

    static void incident(DelegateExecution execution, IncidentRecord record) {
        Sev1IncidentVariables.INCIDENT.set(execution.getProcessInstance(), record);
    }

    /** A comma-separated variable as a list; empty for none. */
    static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The last {@code max} characters, marked when cut. */
    static String tail(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max + 1);
    }
}
