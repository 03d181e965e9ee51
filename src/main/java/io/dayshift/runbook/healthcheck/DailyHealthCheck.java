package io.dayshift.runbook.healthcheck;

import io.dayshift.runbook.RunIdentity;
import io.dayshift.runbook.InputProblems;
import java.time.ZoneOffset;
import java.time.LocalDate;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.RunVariables;
import org.camunda.bpm.engine.delegate.VariableScope;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code processes/daily-health-check.bpmn}, the one class of the runbook: its key, element ids and settings
 * ({@code dayshift.health-check.cron}, {@code sites}). The model reads when it runs ({@code ${dailyHealthCheck.cron}}) and
 * which sites it checks ({@code ${dailyHealthCheck.siteNames()}}, the collection of its multi-instance call activity).
 */
@Component("dailyHealthCheck")
public class DailyHealthCheck implements RunIdentity {

    public static final String PROCESS_KEY = "daily-health-check";

    /** The element ids code and tests use. */
    public static final class Elements {

        /** The timer start event (cron from {@code dayshift.health-check.cron}). */
        public static final String START_EVENT = "StartEvent_DailyCheckDue";
        /** The multi-instance call activity: one {@code site-health-check} per site. */
        public static final String CHECK_EACH_SITE = "Task_CheckEachSite";
        public static final String DAILY_CHECK_DONE_END = "EndEvent_DailyCheckDone";

        private Elements() {
        }
    }

    private final String cron;
    private final List<String> sites;
    private final Sites all;

    DailyHealthCheck(@Value("${dayshift.health-check.cron:0 0 6 * * ?}") String cron, Environment environment, Sites all) {
        if (cron.isBlank()) {
            throw new IllegalArgumentException("dayshift.health-check.cron must be a cron expression");
        }
        this.cron = cron;
        this.sites = List.copyOf(Binder.get(environment).bind("dayshift.health-check.sites", Bindable.listOf(String.class)).orElse(List.of()));
        this.all = all;
        sites.forEach(all::require); // a configured name that is not a site stops the start
    }

    public String getCron() {
        return cron;
    }

    /** The configured sites ({@code dayshift.health-check.sites}), or every site, in name order. */
    public List<String> siteNames() {
        return sites.isEmpty() ? new ArrayList<>(all.all().stream().map(Site::name).toList()) : new ArrayList<>(sites);
    }

    @Override
    public String processKey() {
        return PROCESS_KEY;
    }

    /** The run's name (its business key, {@code RunNames}). */
    @Override
    public String name(VariableScope start) {
        return "daily health check " + LocalDate.ofInstant(RunLog.now(), ZoneOffset.UTC);
    }

    /** Started by its timer for every site: no site to check at start. */
    @Override
    public void checkStart(VariableScope start, Sites sites, InputProblems problems) {
    }
}
