package io.dayshift.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The auditor view, {@code GET /audit} (the runs one may read, filtered) and {@code GET /audit/runs/{id}} (one run), for
 * everyone who may read runs: ops leads, approvers, auditors, administrators; the engine's authorizations decide which
 * runs (a user in no group sees none). People in a browser come in with their Cockpit or Tasklist login, other clients with
 * HTTP basic ({@code io.dayshift.access.SecurityConfiguration}); only GET and HEAD are served. Filters that cannot be
 * used are answered 400 naming each field and what it expects; a run one may not read is answered 404, as one that does
 * not exist. The pages load nothing from elsewhere and run no script (their content security policy says so).
 */
@Controller
class AuditController {

    /** No scripts, no frames, nothing from elsewhere; forms only to this service. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final AuditRuns runs;
    private final byte[] style;

    AuditController(AuditRuns runs) {
        this.runs = runs;
        try (InputStream css = AuditController.class.getResourceAsStream("audit.css")) {
            this.style = css.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the auditor view's style sheet is missing from the build", e);
        }
    }

    @GetMapping(AuditPages.LIST)
    ResponseEntity<String> list(@RequestParam Map<String, String> parameters, Authentication user) {
        RunFilter.Parsed parsed = RunFilter.parse(parameters);
        if (parsed.filter().isEmpty()) {
            return page(HttpStatus.BAD_REQUEST, AuditPages.problems(user.getName(), parsed.problems()));
        }
        RunFilter filter = parsed.filter().get().forWhoAsks(user.getName());
        return page(HttpStatus.OK, AuditPages.list(user.getName(), filter, runs.runbooks(user), runs.page(user, filter)));
    }

    @GetMapping(AuditPages.RUN + "{id}")
    ResponseEntity<String> run(@PathVariable String id, Authentication user) {
        if (!RUN_ID.matcher(id).matches()) {
            return page(HttpStatus.NOT_FOUND, AuditPages.notFound(user.getName(), id));
        }
        return runs.run(user, id).map(detail -> page(HttpStatus.OK, AuditPages.run(user.getName(), detail, runs::elementName)))
                .orElseGet(() -> page(HttpStatus.NOT_FOUND, AuditPages.notFound(user.getName(), id)));
    }

    @GetMapping(AuditPages.STYLE)
    ResponseEntity<byte[]> style() {
        return ResponseEntity.ok().contentType(new MediaType("text", "css", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache()).body(style);
    }

    private static ResponseEntity<String> page(HttpStatus status, String html) {
        return ResponseEntity.status(status).contentType(HTML)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "same-origin")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(html);
    }
}
