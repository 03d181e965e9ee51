package io.dayshift.metrics;

import io.dayshift.runbook.RunVariables;
import io.dayshift.runbook.backup.BackupSite;
import io.dayshift.runbook.healthcheck.SiteHealthCheck;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Each configured site's state as the engine's history tells it, read at each scrape (so every node of a cluster reports
 * the same, across restarts):
 * <ul>
 *   <li>{@value #HEALTH}: the verdict of the site's last finished {@code site-health-check} run, by hand or nightly —
 *       0 GREEN, 1 AMBER, 2 RED; NaN while the site has never been checked;</li>
 *   <li>{@value #BACKUP_AGE}: seconds since the site's last {@code backup-site} run ended complete (its
 *       {@code EndEvent_SiteBackedUp}), by hand, nightly or before an upgrade; +Inf while it has none.</li>
 * </ul>
 */
@Component
class SiteMetrics implements MeterBinder {

    static final String HEALTH = "dayshift.site.health";
    static final String BACKUP_AGE = "dayshift.site.last.backup.age";

    /** The number of each verdict: higher is worse, so an alert says {@code >= 2} for red. */
    static final Map<String, Double> VERDICTS = Map.of(
            SiteHealthCheck.Elements.SITE_GREEN_END, 0.0,
            SiteHealthCheck.Elements.SITE_AMBER_END, 1.0,
            SiteHealthCheck.Elements.SITE_RED_END, 2.0);

    private final HistoryService history;
    private final Sites sites;
    private final Clock clock;

    @Autowired
    SiteMetrics(HistoryService history, Sites sites) {
        this(history, sites, Clock.systemUTC());
    }

    SiteMetrics(HistoryService history, Sites sites, Clock clock) {
        this.history = history;
        this.sites = sites;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Site site : sites.all()) {
            Gauge.builder(HEALTH, () -> health(site.name()))
                    .description("The site's last health-check verdict: 0 GREEN, 1 AMBER, 2 RED (NaN: never checked)")
                    .tag("site", site.name())
                    .register(registry);
            Gauge.builder(BACKUP_AGE, () -> backupAge(site.name()))
                    .description("Seconds since the site's last complete backup ended (+Inf: none yet)")
                    .tag("site", site.name())
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    double health(String site) {
        return last(SiteHealthCheck.PROCESS_KEY, site, VERDICTS.keySet().toArray(String[]::new))
                .stream().map(run -> VERDICTS.getOrDefault(run.getEndActivityId(), Double.NaN)).findFirst().orElse(Double.NaN);
    }

    double backupAge(String site) {
        return last(BackupSite.PROCESS_KEY, site, BackupSite.Elements.SITE_BACKED_UP_END).stream()
                .map(run -> Math.max(0, Duration.between(run.getEndTime().toInstant(), clock.instant()).toMillis() / 1000.0))
                .findFirst().orElse(Double.POSITIVE_INFINITY);
    }

    /** The last finished run of the runbook on the site that passed one of the end events. */
    private List<HistoricProcessInstance> last(String runbook, String site, String... ends) {
        return history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(runbook)
                .finished()
                .executedActivityIdIn(ends)
                .variableValueEquals(RunVariables.SITE.name(), site)
                .orderByProcessInstanceEndTime().desc()
                .listPage(0, 1);
    }
}
