package io.dayshift.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /}: one static page that tells everyone where to go for what — start a runbook and decide in Tasklist,
 * follow one's runs and audit at {@code /audit}, operate in Cockpit, administer in Admin, the health probe. It holds
 * links and words only (no run, no user, no setting), so it is open like the webapps' login page; it runs no script
 * (its Content-Security-Policy allows none) and changes nothing. Camunda's redirect of {@code /} to its welcome page
 * is switched off ({@code camunda.bpm.webapp.index-redirect-enabled: false}).
 */
@RestController
class LandingPage {

    /** Inline styles and the logo from this service; nothing else, no script, no frame, no form. */
    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final String page;

    LandingPage() {
        try (InputStream html = new ClassPathResource("console/landing.html").getInputStream()) {
            this.page = new String(html.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the landing page console/landing.html is missing from the service", e);
        }
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> landing() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", POLICY)
                .cacheControl(CacheControl.noCache())
                .body(page);
    }
}
