package io.dayshift.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.site.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/alerts/alertmanager}: Alertmanager's webhook (payload version "4"), with
 * {@code Authorization: Bearer <dayshift.alerts.token>}. Alertmanager retries only on 5xx, so: 401 for a
 * missing or wrong token, 400 for a body it should never send again, 200 for every well-formed
 * notification (an ignored alert included, with its reason), 503 when the token is not configured or
 * the database failed, where a later retry helps. Nothing starts unless the token and body are good.
 */
@RestController
class AlertmanagerWebhook {

    static final String PATH = "/api/alerts/alertmanager";
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerWebhook.class);
    private static final String BEARER = "Bearer ";

    private final AlertProperties properties;
    private final AlertIntake intake;
    private final ObjectMapper json;
    private final byte[] tokenDigest;

    AlertmanagerWebhook(AlertProperties properties, AlertIntake intake, ObjectMapper json, Secrets secrets) {
        this.properties = properties;
        this.intake = intake;
        this.json = json;
        this.tokenDigest = properties.configuredToken().map(AlertmanagerWebhook::digest).orElse(null);
        properties.configuredToken().ifPresent(secrets::remember);
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        if (tokenDigest == null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("error", "the alert intake is off: no token is configured (dayshift.alerts.token, DAYSHIFT_ALERTS_TOKEN)"));
        }
        if (!authorized(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dayshift\"")
                    .body(Map.of("error", "a bearer token is required (Authorization: Bearer <token>)"));
        }
        AlertmanagerPayload.Parsed parsed = AlertmanagerPayload.parse(json, body == null ? new byte[0] : body);
        if (!parsed.valid()) {
            return ResponseEntity.badRequest().body(Map.of("error", "not an Alertmanager webhook payload (version \"4\")",
                    "problems", parsed.problems()));
        }
        List<IntakeOutcome> outcomes = new ArrayList<>();
        try {
            for (Alert alert : parsed.alerts()) {
                outcomes.add(intake.take(alert));
            }
        } catch (RuntimeException e) {
            // Alerts already taken stay taken: a retry joins them and carries on with the rest.
            LOG.error("alert intake failed after {} of {} alerts; Alertmanager will retry", outcomes.size(), parsed.alerts().size(), e);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("error", "the alerts could not be stored; try again", "outcomes", outcomes));
        }
        return ResponseEntity.ok(Map.of("received", outcomes.size(), "outcomes", outcomes));
    }

    private boolean authorized(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        // Digests of equal length, compared in constant time: neither the token nor its length leaks.
        return MessageDigest.isEqual(tokenDigest, digest(authorization.substring(BEARER.length()).strip()));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "AlertmanagerWebhook[" + properties + "]";
    }
}
