package io.dayshift.runbook.backup;

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
 * {@code processes/daily-backup.bpmn}, the one class of the runbook: its key, element ids and settings
 * ({@code dayshift.backup.cron}, {@code sites}, {@code scope}). The model reads when it runs ({@code ${dailyBackup.cron}}),
 * the scope of each site's run ({@code ${dailyBackup.scope}}) and which sites it backs up ({@code ${dailyBackup.siteNames()}}).
 */
@Component("dailyBackup")
public class DailyBackup implements RunIdentity {

    public static final String PROCESS_KEY = "daily-backup";

    /** The element ids code and tests use. */
    public static final class Elements {

        public static final String START_EVENT = "StartEvent_DailyBackupDue";
        /** The multi-instance call activity: one {@code backup-site} per site, all at once. */
        public static final String BACK_UP_EACH_SITE = "Task_BackUpEachSite";
        public static final String END_EVENT = "EndEvent_DailyBackupDone";

        private Elements() {
        }
    }

    private final String cron;
    private final String scope;
    private final List<String> sites;
    private final Sites all;

    DailyBackup(@Value("${dayshift.backup.cron:0 30 1 * * ?}") String cron, @Value("${dayshift.backup.scope:full}") String scope,
                Environment environment, Sites all) {
        if (cron.isBlank()) {
            throw new IllegalArgumentException("dayshift.backup.cron must be a cron expression");
        }
        if (!scope.matches("full|databases|config")) {
            throw new IllegalArgumentException("dayshift.backup.scope must be full, databases or config, not '" + scope + "'");
        }
        this.cron = cron;
        this.scope = scope;
        this.sites = List.copyOf(Binder.get(environment).bind("dayshift.backup.sites", Bindable.listOf(String.class)).orElse(List.of()));
        this.all = all;
        sites.forEach(all::require); // a configured name that is not a site stops the start
    }

    public String getCron() {
        return cron;
    }

    public String getScope() {
        return scope;
    }

    /** The configured sites ({@code dayshift.backup.sites}), or every site, in name order. */
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
        return "daily backup " + LocalDate.ofInstant(RunLog.now(), ZoneOffset.UTC);
    }

    /** Started by its timer for every site: no site to check at start. */
    @Override
    public void checkStart(VariableScope start, Sites sites, InputProblems problems) {
    }
}
