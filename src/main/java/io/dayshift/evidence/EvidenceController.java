package io.dayshift.evidence;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/runs/{id}/evidence/verify}: recomputes the run's chain, and its link in its site's chain once it has
 * ended, and names the first entry that does not match ({@link EvidenceVerifier}). For whoever may read the run: the
 * engine's own authorizations decide ({@link RunReaders}); to anyone else the run does not exist (404). HTTP basic, as every {@code /api} path. Reads only.
 */
@RestController
class EvidenceController {

    private final EvidenceVerifier verifier;
    private final RunReaders readers;

    EvidenceController(EvidenceVerifier verifier, RunReaders readers) {
        this.verifier = verifier;
        this.readers = readers;
    }

    /** The answer: whether the run's evidence is intact, how many entries were checked, and the first that does not match. */
    record Answer(String run, boolean intact, long checked, Verification.Mismatch mismatch) {
    }

    @GetMapping(path = "/api/runs/{id}/evidence/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> verify(@PathVariable String id, Authentication user) {
        if (!readers.mayRead(user, id)) {
            return ResponseEntity.status(404).body(Map.of("error", "no run " + id + " that " + user.getName() + " may read"));
        }
        Verification result = verifier.run(id);
        return ResponseEntity.ok(new Answer(id, result.intact(), result.checked(), result.mismatch().orElse(null)));
    }
}
