package io.dayshift.alert;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code dayshift.alerts.*}: the Alertmanager webhook and which alerts start which runbook.
 *
 * @param token the bearer token Alertmanager sends ({@code DAYSHIFT_ALERTS_TOKEN}); without one the
 *              intake refuses every call
 * @param rules the first rule an alert matches names the process it starts; no match, no run
 */
@Validated
@ConfigurationProperties("dayshift.alerts")
public record AlertProperties(String token, @Valid List<Rule> rules) {

    public AlertProperties {
        token = token == null || token.isBlank() ? null : token.strip();
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    Optional<String> configuredToken() {
        return Optional.ofNullable(token);
    }

    /** The first rule the alert matches. */
    Optional<Rule> ruleFor(String alertname, String severity) {
        return rules.stream().filter(rule -> rule.matches(alertname, severity)).findFirst();
    }

    @Override
    public String toString() {
        return "AlertProperties[token=" + (token == null ? "(not set)" : "(set)") + ", rules=" + rules + "]";
    }

    /**
     * @param alertnames the {@code alertname} labels it takes; empty: any
     * @param severity   the {@code severity} label it takes; empty: any
     * @param process    the key of the process an alert starts
     * @param siteLabel  the label that names the site (default {@code site})
     */
    public record Rule(List<String> alertnames, String severity, @NotBlank String process, String siteLabel) {

        public Rule {
            alertnames = alertnames == null ? List.of() : alertnames.stream().map(String::strip).filter(name -> !name.isEmpty()).toList();
            severity = severity == null || severity.isBlank() ? null : severity.strip();
            process = process == null ? null : process.strip();
            siteLabel = siteLabel == null || siteLabel.isBlank() ? "site" : siteLabel.strip();
        }

        boolean matches(String alertname, String alertSeverity) {
            return (alertnames.isEmpty() || alertnames.contains(alertname))
                    && (severity == null || severity.equals(alertSeverity));
        }
    }
}
