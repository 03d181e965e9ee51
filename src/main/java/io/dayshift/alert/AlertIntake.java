package io.dayshift.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.alert.IntakeOutcome.Result;
import io.dayshift.shell.ShellQuoting;
import io.dayshift.site.Secrets;
import io.dayshift.site.Sites;
import java.time.Clock;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns one alert into a run: a firing alert that matches a rule and names a configured site starts the
 * rule's process, once per occurrence (fingerprint + startsAt, the run's variable {@code alertKey}); a resolved alert
 * is handed to its run as the message {@code AlertResolved}. The ledger row and the start commit in one
 * transaction; the process begins with an asynchronous continuation, so the request does no runbook work.
 */
@Component
class AlertIntake {

    private static final Logger LOG = LoggerFactory.getLogger(AlertIntake.class);
    /** A parallel delivery may hold the ledger row long enough for this one's lock wait to end. */
    private static final int ATTEMPTS = 3;

    private final AlertProperties properties;
    private final Sites sites;
    private final RuntimeService runtime;
    private final AlertLedger ledger;
    private final TransactionTemplate transactions;
    private final Secrets secrets;
    private final ObjectMapper json;
    private final Clock clock;

    AlertIntake(AlertProperties properties, Sites sites, RuntimeService runtime, AlertLedger ledger,
            PlatformTransactionManager transactionManager, Secrets secrets, ObjectMapper json) {
        this.properties = properties;
        this.sites = sites;
        this.runtime = runtime;
        this.ledger = ledger;
        this.transactions = new TransactionTemplate(transactionManager);
        this.secrets = secrets;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    IntakeOutcome take(Alert alert) {
        return alert.firing() ? fire(alert) : resolve(alert);
    }

    private IntakeOutcome fire(Alert alert) {
        String severity = alert.labels().get("severity");
        Optional<AlertProperties.Rule> rule = properties.ruleFor(alert.alertname(), severity);
        if (rule.isEmpty()) {
            return ignored(alert, "no rule under dayshift.alerts.rules takes alertname " + ShellQuoting.printable(alert.alertname())
                    + " with severity " + ShellQuoting.printable(severity == null ? "" : severity));
        }
        String siteLabel = rule.get().siteLabel();
        String site = alert.labels().get(siteLabel);
        if (site == null || site.isBlank()) {
            return ignored(alert, "the alert has no label '" + siteLabel + "' naming the site");
        }
        if (sites.find(site).isEmpty()) {
            return ignored(alert, "site " + ShellQuoting.printable(site) + " (label '" + siteLabel + "') is not configured under dayshift.sites");
        }
        String key = alert.dedupeKey();
        for (int attempt = 1; ; attempt++) {
            try {
                String instanceId = transactions.execute(status -> {
                    ledger.claim(key, clock.instant());
                    ProcessInstance instance = runtime.startProcessInstanceByKey(rule.get().process(), variables(alert, site, severity));
                    ledger.started(key, instance.getId());
                    return instance.getId();
                });
                LOG.info("alert {} ({}) on site {} started {} as {}", alert.alertname(), key, site, rule.get().process(), instanceId);
                return outcome(alert, Result.STARTED, instanceId, null);
            } catch (DuplicateKeyException duplicate) {
                String instanceId = ledger.processInstanceOf(key).orElse(null);
                LOG.info("alert {} ({}) delivered again: joins run {}", alert.alertname(), key, instanceId);
                return outcome(alert, Result.JOINED, instanceId, "this occurrence started its run already");
            } catch (PessimisticLockingFailureException busy) {
                if (attempt >= ATTEMPTS) {
                    throw busy;
                }
                LOG.debug("alert {} ({}): ledger row busy, attempt {}", alert.alertname(), key, attempt, busy);
            }
        }
    }

    private IntakeOutcome resolve(Alert alert) {
        String key = alert.dedupeKey();
        return transactions.execute(status -> {
            var results = runtime.createMessageCorrelation(AlertVariables.MESSAGE_ALERT_RESOLVED)
                    .processInstanceVariableEquals(AlertVariables.ALERT_KEY.name(), key)
                    .correlateAllWithResult();
            boolean known = ledger.resolved(key, clock.instant());
            if (!results.isEmpty()) {
                MessageCorrelationResult first = results.get(0);
                String instanceId = first.getExecution() != null ? first.getExecution().getProcessInstanceId()
                        : first.getProcessInstance().getId();
                LOG.info("alert {} ({}) resolved: run {} told", alert.alertname(), key, instanceId);
                return outcome(alert, Result.RESOLVED, instanceId, null);
            }
            String reason = known ? "no run waits for AlertResolved (it has not reached that point, or has ended)"
                    : "this occurrence started no run";
            LOG.info("alert {} ({}) resolved: {}", alert.alertname(), key, reason);
            return outcome(alert, Result.RECORDED, ledger.processInstanceOf(key).orElse(null), reason);
        });
    }

    private VariableMap variables(Alert alert, String site, String severity) {
        String labels;
        try {
            labels = json.writeValueAsString(alert.labels());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert " + alert.dedupeKey() + ": labels could not be written as JSON", e);
        }
        VariableMap variables = Variables.createVariables();
        variables.putValueTyped(AlertVariables.SITE.name(), AlertVariables.SITE.typed(site));
        variables.putValueTyped(AlertVariables.SUMMARY.name(), AlertVariables.SUMMARY.typed(Alert.headline(secrets.redact(alert.summary()), AlertVariables.HEADLINE)));
        variables.putValueTyped(AlertVariables.ALERTNAME.name(), AlertVariables.ALERTNAME.typed(alert.alertname()));
        variables.putValueTyped(AlertVariables.SEVERITY.name(), AlertVariables.SEVERITY.typed(severity == null ? "" : severity));
        variables.putValueTyped(AlertVariables.FINGERPRINT.name(), AlertVariables.FINGERPRINT.typed(alert.fingerprint()));
        variables.putValueTyped(AlertVariables.STARTS_AT.name(), AlertVariables.STARTS_AT.typed(alert.startsAt().toString()));
        variables.putValueTyped(AlertVariables.ALERT_KEY.name(), AlertVariables.ALERT_KEY.typed(alert.dedupeKey()));
        variables.putValueTyped(AlertVariables.LABELS.name(), AlertVariables.LABELS.typed(secrets.redact(labels)));
        return variables;
    }

    private IntakeOutcome ignored(Alert alert, String reason) {
        LOG.warn("alert {} ({}) ignored: {}", alert.alertname(), alert.dedupeKey(), reason);
        return outcome(alert, Result.IGNORED, null, reason);
    }

    private static IntakeOutcome outcome(Alert alert, Result result, String instanceId, String reason) {
        return new IntakeOutcome(alert.alertname(), alert.fingerprint(), alert.startsAt().toString(), alert.status(), result,
                result == Result.IGNORED ? null : alert.dedupeKey(), instanceId, reason);
    }
}
