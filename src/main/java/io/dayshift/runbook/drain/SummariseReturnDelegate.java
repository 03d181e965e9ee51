package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Variables.HOST;
import static io.dayshift.runbook.drain.DrainComputeNode.Variables.OPERATOR_REASON;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.drain.ReturnComputeNode.Variables.ENABLED_BY_RUN;
import static io.dayshift.runbook.drain.ReturnComputeNode.Variables.EVIDENCE;
import static io.dayshift.runbook.drain.ReturnComputeNode.Variables.KEPT_DISABLED;
import static io.dayshift.runbook.drain.ReturnComputeNode.Variables.RETURNED;
import static io.dayshift.runbook.drain.ReturnComputeNode.Variables.SERVICE_READY;

import io.dayshift.approval.Approvals;
import io.dayshift.engine.RunLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SummariseReturn} and {@code Task_SummariseUnreadyReturn}: {@code returned} and {@code summary}. */
@Component("summariseReturn")
class SummariseReturnDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        boolean ready = SERVICE_READY.find(execution).orElse(false);
        String host = HOST.get(execution);
        RETURNED.set(execution, ready);
        if (KEPT_DISABLED.find(execution).orElse(false)) {
            RunLog.summarise(execution, "Host " + host + " on site " + SITE.get(execution) + " kept out of service: its nova-compute service was "
                    + "disabled for another reason than " + (Runs.called(execution) ? "the calling run's drain"
                    : "a Dayshift drain") + " and stays disabled with that reason (" + EVIDENCE.find(execution).orElse("") + "). Started by "
                    + Approvals.INITIATOR.find(execution).orElse("(unknown)") + ". Enable it by hand once that work is done.");
            RunLog.record(execution, "summary", host, "kept disabled", null, EVIDENCE.find(execution).orElse(""));
            return;
        }
        RunLog.summarise(execution, "Host " + host + " on site " + SITE.get(execution) + (ready ? " returned to service: " : " NOT returned to service: ")
                + (ENABLED_BY_RUN.find(execution).orElse(false) ? "its nova-compute service was enabled" : "its nova-compute service was already enabled")
                + " (reason: \"" + OPERATOR_REASON.find(execution).orElse("") + "\"); " + EVIDENCE.find(execution).orElse("") + ". Started by "
                + Approvals.INITIATOR.find(execution).orElse("(unknown)") + (ready ? "; the scheduler places new instances on it again." : "."));
        RunLog.record(execution, "summary", host, ready ? "returned" : "not returned", null, EVIDENCE.find(execution).orElse(""));
    }
}
