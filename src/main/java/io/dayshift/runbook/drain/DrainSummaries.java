package io.dayshift.runbook.drain;

import io.dayshift.approval.ApprovalDecision;
import io.dayshift.approval.Approvals;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.ServerSummary;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The one-paragraph outcomes of a drain, for {@code summary}. */
final class DrainSummaries {

    private DrainSummaries() {
    }

    static InstanceStates states(List<ServerSummary> servers) {
        return new InstanceStates(servers.stream()
                .map(s -> new InstanceStates.InstanceState(s.id(), s.name(), s.status(), s.host().orElse(""))).toList());
    }

    static String moves(InstanceMoves moved) {
        if (moved.moves().isEmpty()) {
            return "no instance moved";
        }
        long offPlan = moved.moves().stream().filter(m -> !m.expectedHost().isEmpty() && !m.expectedHost().equals(m.toHost())).count();
        return moved.moves().size() + " instance(s) moved (" + moved.count(DrainComputeNode.LIVE) + " live, "
                + moved.count(DrainComputeNode.COLD) + " cold: " + String.join(", ", moved.moves().stream()
                .map(m -> m.name() + " → " + m.toHost()).toList()) + ")"
                + (offPlan == 0 ? "" : "; " + offPlan + " landed elsewhere than planned");
    }

    static String service(ComputeService service) {
        return service.enabled() ? "its nova-compute service is ENABLED (someone enabled it during the run)"
                : "its nova-compute service stays disabled (\"" + service.disabledReason().orElse("") + "\") for maintenance";
    }

    static String approval(DelegateExecution execution) {
        List<ApprovalDecision> decisions = Approvals.DECISIONS.find(execution).map(Approvals.Decisions::decisions).orElse(List.of());
        String initiator = "started by " + Approvals.INITIATOR.find(execution).orElse("(unknown)");
        return decisions.isEmpty() ? initiator : initiator + ", approved by " + decisions.get(decisions.size() - 1).approver()
                + " (\"" + decisions.get(decisions.size() - 1).reason() + "\")";
    }
}
