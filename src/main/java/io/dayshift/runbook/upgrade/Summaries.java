package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.RunVariables.*;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.*;

import io.dayshift.approval.ApprovalDecision;
import io.dayshift.approval.Approvals;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The pieces every summary of this runbook shares. */
final class Summaries {

    private Summaries() {
    }

    static String head(DelegateExecution execution) {
        UpgradePlan plan = PLAN.get(execution);
        return "Site " + plan.site() + " (" + plan.flavour().toLowerCase(java.util.Locale.ROOT) + "), " + plan.currentRelease() + " → " + plan.targetRelease();
    }

    static String approvals(DelegateExecution execution) {
        String list = Approvals.DECISIONS.find(execution).map(d -> d.decisions().stream().map(Summaries::describe).collect(Collectors.joining("; ")))
                .orElse("");
        return list.isEmpty() ? "" : " Decisions: " + list + ".";
    }

    static String hosts(DelegateExecution execution) {
        return " Compute hosts by release (as verified by this run): " + HOST_RELEASES.find(execution).map(HostReleases::describe).orElse("none") + ".";
    }

    /** A string variable holds at most 4,000 characters: longer text is cut, saying so. */
    static String fitted(String text) {
        return text.length() <= 3900 ? text : text.substring(0, 3800) + "\n… (" + (text.length() - 3800) + " more characters)";
    }

    private static String describe(ApprovalDecision d) {
        return d.task() + " " + (d.approved() ? "approved" : "rejected") + " by " + d.approver() + " (" + d.reason() + ")";
    }
}
