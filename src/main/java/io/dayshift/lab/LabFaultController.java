package io.dayshift.lab;

import io.dayshift.access.Roles;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/lab/sites/{site}/faults}: the faults of a lab site, for administrators ({@code dayshift-admins}) only.
 * GET lists them, POST adds one ({@code {"type": "hypervisor-down", "target": "cn03", "message": "", "times": 0}}),
 * DELETE removes all, DELETE {@code /{id}} one.
 *
 * <p>Exists only with the lab ({@code dayshift.lab.enabled=true}).
 */
@RestController
@ConditionalOnProperty(prefix = "dayshift.lab", name = "enabled", havingValue = "true")
@RequestMapping("/api/lab/sites/{site}/faults")
public class LabFaultController {

    /** A fault as posted; {@code type} in any case, with - or _. */
    public record FaultRequest(String type, String target, String message, Integer times) {
    }

    private final LabSites lab;

    LabFaultController(LabSites lab) {
        this.lab = lab;
    }

    @GetMapping
    public ResponseEntity<?> list(@PathVariable String site, Authentication user) {
        return guarded(site, user, s -> ResponseEntity.ok(s.faults()));
    }

    @PostMapping
    public ResponseEntity<?> add(@PathVariable String site, @RequestBody FaultRequest request, Authentication user) {
        return guarded(site, user, s -> {
            LabFault fault;
            try {
                FaultType type = FaultType.valueOf(String.valueOf(request.type()).toUpperCase(Locale.ROOT).replace('-', '_'));
                fault = new LabFault("", type, request.target(), request.message(), request.times() == null ? 0 : request.times());
            } catch (IllegalArgumentException e) {
                return ResponseEntity.badRequest().body(Map.of("error", e.getMessage().startsWith("No enum constant")
                        ? "unknown fault type '" + request.type() + "'; known: " + List.of(FaultType.values()) : e.getMessage()));
            }
            return ResponseEntity.status(HttpStatus.CREATED).body(s.injectFault(fault));
        });
    }

    @DeleteMapping
    public ResponseEntity<?> clear(@PathVariable String site, Authentication user) {
        return guarded(site, user, s -> ResponseEntity.ok(Map.of("removed", s.clearFaults())));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<?> remove(@PathVariable String site, @PathVariable String id, Authentication user) {
        return guarded(site, user, s -> s.removeFault(id) ? ResponseEntity.noContent().build()
                : ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no fault " + id + " on lab site " + site)));
    }

    private ResponseEntity<?> guarded(String site, Authentication user, java.util.function.Function<LabSite, ResponseEntity<?>> action) {
        if (!LabAdmins.isAdmin(user)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "lab faults are for " + Roles.ADMINS + " only"));
        }
        Optional<LabSite> found = lab.find(site);
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no lab site " + site));
        }
        return action.apply(found.get());
    }
}
