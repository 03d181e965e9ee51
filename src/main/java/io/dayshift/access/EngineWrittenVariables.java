package io.dayshift.access;

import io.dayshift.approval.ApprovalTasks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;

/**
 * The variables only the engine's own code writes — a listener, a delegate, the start event — and no one else may, not
 * even an administrator: who started a run and who asked for a decision (the four-eyes rule reads them), the decisions,
 * the plans an approval was shown and their fingerprints, and what an awaited operation came to.
 */
final class EngineWrittenVariables {

    /** The names, each with what it holds. */
    static final Map<String, String> NAMES = names(
            "initiator", "who started the run (the start event writes it; the four-eyes rule reads it)",
            "requestedBy", "who asked for the decision at hand (the four-eyes rule reads it)",
            "approvals", "every approval decision of the run, with who decided (a rolling upgrade's drain trusts it)",
            "approved", "the decision an approval gateway reads (the four-eyes listener writes it)",
            "operatorDecisions", "every decision operators took in the run",
            "decision", "an operator's decision about an awaited operation (its form writes it, on its own task only)",
            "decidedBy", "who took that decision",
            "planFingerprint", "the fingerprint of the plan an approver approved",
            "operationOutcome", "what an awaited operation came to (the await's probe writes it)",
            "operationDetail", "what the await's last look found",
            "alertKey", "the alert occurrence that started the run (its resolution finds the run by it)",
            "calendarOverride", "the emergency override a run started with outside its site's calendar (the calendar gate writes it)");

    private final Map<String, Set<String>> planVariables = new ConcurrentHashMap<>();

    /** The engine-written names of a run of the definition: the fixed ones and those named by its approval tasks' {@code plan}. */
    Set<String> of(DeploymentCache deployments, String definitionId) {
        Set<String> all = new TreeSet<>(NAMES.keySet());
        if (definitionId != null) {
            all.addAll(planVariables.computeIfAbsent(definitionId, id -> plans(deployments, id)));
        }
        return all;
    }

    /** The description of a name, for a refusal. */
    static String described(String name) {
        return NAMES.getOrDefault(name, "part of the plan an approval task shows");
    }

    private static Set<String> plans(DeploymentCache deployments, String definitionId) {
        return ApprovalTasks.planVariables(deployments.findDeployedProcessDefinitionById(definitionId));
    }

    private static Map<String, String> names(String... pairs) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            names.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(names);
    }
}
