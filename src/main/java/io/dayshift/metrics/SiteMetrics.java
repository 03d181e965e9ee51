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
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Each configured site's state, read at each scrape from the database (so every node of a cluster reports the same,
 * across restarts) — from the few rows {@link SiteLastEnds} keeps per site, never by searching the history:
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
    private final SiteLastEnds lastEnds;
    private final Clock clock;

    @Autowired
    SiteMetrics(HistoryService history, Sites sites, SiteLastEnds lastEnds) {
        this(history, sites, lastEnds, Clock.systemUTC());
    }

    SiteMetrics(HistoryService history, Sites sites, SiteLastEnds lastEnds, Clock clock) {
        this.history = history;
        this.sites = sites;
        this.lastEnds = lastEnds;
        this.clock = clock;
        lastEnds.fill(this::fromHistory);
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
        return lastEnds.last(site, SiteHealthCheck.PROCESS_KEY).map(end -> VERDICTS.getOrDefault(end.event(), Double.NaN)).orElse(Double.NaN);
    }

    double backupAge(String site) {
        return lastEnds.last(site, BackupSite.PROCESS_KEY)
                .map(end -> Math.max(0, Duration.between(end.at(), clock.instant()).toMillis() / 1000.0))
                .orElse(Double.POSITIVE_INFINITY);
    }

    /**
     * The last finished run of the runbook on the site that passed the end event, as the history has it: a search by the
     * value of the runs' {@code site} variable, whose cost grows with the history, so made only once per row, at start,
     * for a database from before {@link SiteLastEnds}.
     */
    private Optional<SiteLastEnds.End> fromHistory(SiteLastEnds.Kept kept) {
        List<HistoricProcessInstance> found = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(kept.runbook())
                .finished()
                .executedActivityIdIn(kept.endEvent())
                .variableValueEquals(RunVariables.SITE.name(), kept.site())
                .orderByProcessInstanceEndTime().desc()
                .listPage(0, 1);
        return found.stream().map(run -> new SiteLastEnds.End(kept.endEvent(), run.getEndTime().toInstant())).findFirst();
    }
}
