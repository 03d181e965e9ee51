package io.dayshift.evidence;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Who may read a run's evidence: whoever the engine lets read the run's history, as Cockpit and the REST API would (read
 * history of its runbook: ops leads, approvers, auditors, administrators). Every evidence route asks it; to anyone else a
 * run does not exist (the routes answer 404, never 403, so that nobody learns which runs there are).
 */
@Component
public class RunReaders {

    private final HistoryService history;
    private final IdentityService identity;

    RunReaders(HistoryService history, IdentityService identity) {
        this.history = history;
        this.identity = identity;
    }

    /** Whether the engine lets the user read the run's history. */
    public boolean mayRead(Authentication user, String run) {
        return asUser(user, () -> history.createHistoricProcessInstanceQuery().processInstanceId(run).count() == 1);
    }

    /**
     * Runs {@code query} with the engine's authorization checks for the user and their groups (the roles Spring Security
     * gave them), so that a history query answers only what the user may read.
     */
    public <T> T asUser(Authentication user, Supplier<T> query) {
        List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).toList();
        identity.setAuthentication(user.getName(), groups);
        try {
            return query.get();
        } finally {
            identity.clearAuthentication();
        }
    }
}
