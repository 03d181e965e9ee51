package io.dayshift.evidence;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/runs/{id}/evidence/verify}: recomputes the run's chain, and its link in its site's chain once it has
 * ended, and names the first entry that does not match ({@link EvidenceVerifier}). For whoever may read the run: the
 * engine's own authorizations decide (read history of its runbook: ops leads, approvers, auditors, administrators); to
 * anyone else the run does not exist (404). HTTP basic, as every {@code /api} path. Reads only.
 */
@RestController
class EvidenceController {

    private final EvidenceVerifier verifier;
    private final HistoryService history;
    private final IdentityService identity;

    EvidenceController(EvidenceVerifier verifier, HistoryService history, IdentityService identity) {
        this.verifier = verifier;
        this.history = history;
        this.identity = identity;
    }

    /** The answer: whether the run's evidence is intact, how many entries were checked, and the first that does not match. */
    record Answer(String run, boolean intact, long checked, Verification.Mismatch mismatch) {
    }

    @GetMapping(path = "/api/runs/{id}/evidence/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> verify(@PathVariable String id, Authentication user) {
        if (!mayRead(user, id)) {
            return ResponseEntity.status(404).body(Map.of("error", "no run " + id + " that " + user.getName() + " may read"));
        }
        Verification result = verifier.run(id);
        return ResponseEntity.ok(new Answer(id, result.intact(), result.checked(), result.mismatch().orElse(null)));
    }

    /** Whether the engine lets the user read the run's history (as Cockpit and the REST API would). */
    private boolean mayRead(Authentication user, String run) {
        List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).toList();
        identity.setAuthentication(user.getName(), groups);
        try {
            return history.createHistoricProcessInstanceQuery().processInstanceId(run).count() == 1;
        } finally {
            identity.clearAuthentication();
        }
    }
}
