package io.dayshift.calendar;

import io.dayshift.access.Roles;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import io.dayshift.site.UnknownSiteException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/sites/{site}/calendar}: a site's maintenance windows and change freezes, whether it is open now and until when
 * (ops leads, approvers, auditors, administrators); changes to them (administrators, each with a reason, recorded with who and
 * when); and emergency overrides (approvers and administrators). HTTP basic, as every {@code /api} path.
 */
@RestController
@RequestMapping(path = CalendarController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
class CalendarController {

    static final String PATH = "/api/sites/{site}/calendar";
    static final int MAX_OVERRIDE_MINUTES = 24 * 60;
    private static final Set<String> READERS = Set.of(Roles.OPS_LEADS, Roles.APPROVERS, Roles.AUDITORS, Roles.ADMINS);

    private final Sites sites;
    private final SiteCalendars calendars;
    private final CalendarStore store;
    private final RepositoryService repository;

    CalendarController(Sites sites, SiteCalendars calendars, CalendarStore store, RepositoryService repository) {
        this.sites = sites;
        this.calendars = calendars;
        this.store = store;
        this.repository = repository;
    }

    /** What changes a window or a freeze: the window or freeze's fields, and why. */
    record WindowChange(List<DayOfWeek> days, String start, String end, String from, String to, String reason) {
    }

    record FreezeChange(String from, String to, String reason) {
    }

    record OverrideRequest(String runbook, String reason, Integer validMinutes) {
    }

    @GetMapping
    ResponseEntity<?> calendar(@PathVariable String site, Authentication user) {
        return answer(user, READERS, site, () -> ResponseEntity.ok(view(site)));
    }

    @GetMapping("/changes")
    ResponseEntity<?> changes(@PathVariable String site, Authentication user) {
        return answer(user, READERS, site, () -> ResponseEntity.ok(Map.of("site", site, "changes", store.changes(site),
                "overrides", store.overrides(site))));
    }

    @PostMapping("/windows")
    ResponseEntity<?> addWindow(@PathVariable String site, @RequestBody WindowChange change, Authentication user) {
        return answer(user, Set.of(Roles.ADMINS), site, () -> {
            String reason = reason(change.reason());
            Site.Window window = new Site.Window(change.days(), change.start(), change.end(), change.from(), change.to());
            return ResponseEntity.status(HttpStatus.CREATED).body(store.addWindow(site, window, reason, user.getName(), RunLog.now()));
        });
    }

    @PostMapping("/freezes")
    ResponseEntity<?> addFreeze(@PathVariable String site, @RequestBody FreezeChange change, Authentication user) {
        return answer(user, Set.of(Roles.ADMINS), site, () -> {
            String reason = reason(change.reason());
            Site.Freeze freeze = new Site.Freeze(change.from(), change.to(), reason);
            return ResponseEntity.status(HttpStatus.CREATED).body(store.addFreeze(site, freeze, reason, user.getName(), RunLog.now()));
        });
    }

    @DeleteMapping({"/windows/{id}", "/freezes/{id}"})
    ResponseEntity<?> remove(@PathVariable String site, @PathVariable String id, @RequestParam(required = false) String reason,
                             Authentication user) {
        return answer(user, Set.of(Roles.ADMINS), site, () -> {
            String why = reason(reason);
            SiteCalendar calendar = calendars.of(site).orElseThrow(() -> new NotFound("site " + site + " has no calendar"));
            boolean present = calendar.windows().stream().anyMatch(w -> w.id().equals(id))
                    || calendar.freezes().stream().anyMatch(f -> f.id().equals(id));
            if (!present) {
                throw new NotFound("site " + site + " has no window or freeze " + id);
            }
            return ResponseEntity.ok(store.remove(site, id, why, user.getName(), RunLog.now()));
        });
    }

    @PostMapping("/overrides")
    ResponseEntity<?> grant(@PathVariable String site, @RequestBody OverrideRequest request, Authentication user) {
        return answer(user, Set.of(Roles.APPROVERS, Roles.ADMINS), site, () -> {
            String reason = reason(request.reason());
            if (request.runbook() == null || repository.createProcessDefinitionQuery().processDefinitionKey(request.runbook()).count() == 0) {
                throw new IllegalArgumentException("runbook: the key of a deployed runbook is required, got " + request.runbook());
            }
            int minutes = request.validMinutes() == null ? 60 : request.validMinutes();
            if (minutes < 1 || minutes > MAX_OVERRIDE_MINUTES) {
                throw new IllegalArgumentException("validMinutes: from 1 to " + MAX_OVERRIDE_MINUTES + ", got " + minutes);
            }
            Instant now = RunLog.now();
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(store.grant(site, request.runbook(), reason, user.getName(), now, now.plus(Duration.ofMinutes(minutes))));
        });
    }

    /**
     * Revokes an override that is still unused (approvers and administrators, with a reason, recorded in the changes); one
     * that a start used, or that expired, stays as it is (409).
     */
    @DeleteMapping("/overrides/{id}")
    ResponseEntity<?> revoke(@PathVariable String site, @PathVariable String id, @RequestParam(required = false) String reason,
                             Authentication user) {
        return answer(user, Set.of(Roles.APPROVERS, Roles.ADMINS), site, () -> {
            String why = reason(reason);
            if (store.override(site, id).isEmpty()) {
                throw new NotFound("site " + site + " has no override " + id);
            }
            return store.revoke(site, id, why, user.getName(), RunLog.now()).<ResponseEntity<?>>map(ResponseEntity::ok)
                    .orElseGet(() -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", unrevocable(store.override(site, id).orElseThrow()))));
        });
    }

    private static String unrevocable(CalendarStore.Override override) {
        if (override.usedAt() != null) {
            return "override " + override.id() + " cannot be revoked: " + override.usedBy() + " used it for run " + override.usedRun()
                    + " at " + override.usedAt();
        }
        return "override " + override.id() + " cannot be revoked: it is no longer valid (since " + override.validUntil() + ")";
    }

    private Map<String, Object> view(String site) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("site", site);
        SiteCalendar calendar = calendars.of(site).orElse(null);
        if (calendar == null) {
            view.put("calendar", false);
            view.put("open", true);
            view.put("note", "no calendar: always open");
            return view;
        }
        SiteCalendar.Status status = calendar.now();
        view.put("calendar", true);
        view.put("zone", calendar.zone().getId());
        view.put("open", status.open());
        view.put("until", status.until());
        view.put("opensAt", status.opensAt());
        view.put("freeze", status.freeze());
        view.put("windows", calendar.windows());
        view.put("freezes", calendar.freezes());
        return view;
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: required, it is recorded with the change");
        }
        if (reason.length() > 2000) {
            throw new IllegalArgumentException("reason: at most 2000 characters");
        }
        return reason.strip();
    }

    private ResponseEntity<?> answer(Authentication user, Set<String> roles, String site, Supplier<ResponseEntity<?>> action) {
        Set<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toSet());
        if (groups.stream().noneMatch(roles::contains)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", user.getName() + " may not do this: it is for "
                    + roles.stream().sorted().collect(Collectors.joining(", "))));
        }
        try {
            sites.require(site);
            return action.get();
        } catch (UnknownSiteException | NotFound e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
