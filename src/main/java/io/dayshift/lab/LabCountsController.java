package io.dayshift.lab;

import io.dayshift.access.Roles;
import io.dayshift.lab.model.LabSite;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/lab/counts}: how many times each changing action ran on each target of each lab site, as
 * {@code {"lab": {"enable-compute-service": {"cn02": 1}, …}, …}} ({@code GET /api/lab/sites/{site}/counts}: one site's);
 * for administrators only. A target is what the action changed: a host, a MAAS system id, a server id, a unit, a file;
 * {@value LabSite#WHOLE_SITE} for an action on the whole site. Counts start at zero when the lab starts.
 *
 * <p>Exists only with the lab ({@code dayshift.lab.enabled=true}), in the service or in the lab's own process.
 */
@RestController
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
public class LabCountsController {

    private final LabSites lab;

    LabCountsController(LabSites lab) {
        this.lab = lab;
    }

    @GetMapping("/api/lab/counts")
    public ResponseEntity<?> all(Authentication user) {
        if (!LabAdmins.isAdmin(user)) {
            return forbidden();
        }
        Map<String, Map<String, Map<String, Long>>> counts = new LinkedHashMap<>();
        lab.all().forEach(site -> counts.put(site.name(), site.destructiveActionsByTarget()));
        return ResponseEntity.ok(counts);
    }

    @GetMapping("/api/lab/sites/{site}/counts")
    public ResponseEntity<?> site(@PathVariable String site, Authentication user) {
        if (!LabAdmins.isAdmin(user)) {
            return forbidden();
        }
        Optional<LabSite> found = lab.find(site);
        return found.<ResponseEntity<?>>map(s -> ResponseEntity.ok(s.destructiveActionsByTarget()))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no lab site " + site)));
    }

    private static ResponseEntity<?> forbidden() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "lab counts are for " + Roles.ADMINS + " only"));
    }
}
