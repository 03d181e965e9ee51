package io.dayshift.evidence;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Who may read a run: the engine's own authorizations decide, as Cockpit and the REST API would (read history of its
 * runbook: ops leads, approvers, auditors, administrators). Everything that shows a run's evidence (the verify route, the
 * packs, the auditor view) asks here, so that a run one may not read does not exist for them anywhere.
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
        return as(user, () -> history.createHistoricProcessInstanceQuery().processInstanceId(run).count() == 1);
    }

    /** Runs {@code work} with the engine's authorization checks made for the user (its id and its groups, {@code ROLE_<group>}). */
    public <T> T as(Authentication user, Supplier<T> work) {
        List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).toList();
        identity.setAuthentication(user.getName(), groups);
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }
}
