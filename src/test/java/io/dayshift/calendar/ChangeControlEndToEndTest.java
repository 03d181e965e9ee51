package io.dayshift.calendar;

import static io.dayshift.testing.EngineRest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lease.Lease;
import io.dayshift.lease.LeaseStore;
import io.dayshift.runbook.backup.BackupSite;
import io.dayshift.runbook.backup.DailyBackup;
import io.dayshift.runbook.drain.DrainComputeNode;
import io.dayshift.testing.Http;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import io.dayshift.testing.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The calendar and the leases on the real runbooks and the built-in lab: site {@code lab} has Tuesday-night windows in
 * Madrid and a year-end freeze, set through the settings; {@code lab-charmed} has no calendar. An ops lead's drain over
 * REST, the nightly {@code daily-backup} from its timer and a run cancelled after an incident, each as the people
 * involved see it. The job executor is off: the test runs the jobs, as the executor would.
 */
@RunbookProcessTest(clock = "2026-12-08T21:30:00Z", timeFactor = "0.01", coverage = false)
class ChangeControlEndToEndTest extends ProcessTestFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/drain-kolla.yaml");
        registry.add("dayshift.lab.sites.lab-charmed", () -> "lab/small-charmed.yaml");
        registry.add("dayshift.retries.openstack", () -> "R2/PT1S");
        CalendarServiceTest.calendar("lab", registry::add);
    }

    @Autowired
    LeaseStore leases;
    @Autowired
    BackupCatalogue catalogue;

    Http olga;
    Http alice;
    Http admin;

    @BeforeEach
    void people() {
        runbooks.user("olga", Roles.OPS_LEADS);
        Users.ensure(identity, "alice", Roles.APPROVERS);
        olga = Http.as(port, "olga", Users.PASSWORD);
        alice = Http.as(port, "alice", Users.PASSWORD);
        admin = Http.as(port, "admin", "test-admin-password");
    }

    @Test
    void anOpsLeadsDrainIsRefusedInAFreezeAndOutsideAWindowNamingWhyAndRunsInTheWindow() {
        // given the year-end freeze on lab
        at(CalendarServiceTest.IN_FREEZE);
        long before = drains();

        // when olga starts a drain of cn01 over REST
        HttpResponse<String> frozen = drain("lab", "cn01");

        // then 403 naming the site, the freeze and its reason, when it opens and how to override; nothing ran, nothing held
        assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(403);
        assertThat(message(frozen)).contains("site lab is closed for changes: change freeze (year-end release)",
                "it opens Tue 2026-12-29 22:00 CET", "'drain-compute-node' may start now only with an emergency override",
                "POST /api/sites/lab/calendar/overrides");
        assertThat(drains()).isEqualTo(before);
        assertThat(leases.all()).isEmpty();
        assertThat(lab.require("lab").nova().hypervisor("cn01").orElseThrow().enabled()).isTrue();

        // and on a Wednesday noon, outside the window: refused as outside the windows
        at(CalendarServiceTest.OUTSIDE);
        HttpResponse<String> outside = drain("lab", "cn01");
        assertThat(outside.statusCode()).as(outside.body()).isEqualTo(403);
        assertThat(message(outside)).contains("site lab is closed for changes: outside its maintenance windows",
                "it opens Tue 2026-12-15 22:00 CET");
        assertThat(drains()).isEqualTo(before);

        // and a site without a calendar is open then; lab is open in its window
        assertThat(drain("lab-charmed", "cn02").statusCode()).isEqualTo(200);
        at(CalendarServiceTest.IN_WINDOW);
        HttpResponse<String> started = drain("lab", "cn01");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(leases.all()).extracting(l -> l.target().describe()).contains("cn01 on lab");
    }

    @Test
    void theNightlyBackupOfASiteInAFreezeFailsIntoAnIncidentThatSaysWhyAndRunsWithAnOverrideWhileTheOtherSitesBackUp() {
        // given the year-end freeze on lab (lab-charmed has no calendar) when the nightly backup is due
        at(CalendarServiceTest.IN_FREEZE);
        ProcessInstance daily = fireDailyBackup();

        // when each site's backup is started, in a job of its own
        assertThatThrownBy(() -> management.executeJob(siteJob(daily, "lab").getId()))
                .hasMessageContaining("site lab is closed for changes: change freeze (year-end release)")
                .hasMessageContaining("'backup-site' may start now only with an emergency override");
        management.executeJob(siteJob(daily, "lab-charmed").getId());

        // then the nightly operator sees an incident on lab's backup that says so (here after its one retry), nothing of it
        // ran, and lab-charmed backs up all the same
        Incident incident = runtime.createIncidentQuery().processInstanceId(daily.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(DailyBackup.Elements.BACK_UP_EACH_SITE);
        assertThat(incident.getIncidentMessage()).contains("site lab is closed for changes", "year-end release");
        assertThat(catalogue.forSite("lab")).isEmpty();
        assertThat(backupsOf(daily)).extracting(r -> runtime.getVariable(r.getId(), "site")).containsExactly("lab-charmed");
        assertThat(leases.all()).extracting(l -> l.target().describe()).containsExactly("the databases of lab-charmed");

        // when an approver grants an override for backup-site on lab and the operator retries the job
        HttpResponse<String> granted = alice.postJson("/api/sites/lab/calendar/overrides",
                "{\"runbook\": \"" + BackupSite.PROCESS_KEY + "\", \"reason\": \"backups keep running in the freeze\", \"validMinutes\": 60}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        retry(siteJob(daily, "lab"));

        // then lab's backup starts too, using the override, recorded with its run
        ProcessInstance labBackup = backupsOf(daily).stream().filter(r -> "lab".equals(runtime.getVariable(r.getId(), "site"))).findFirst().orElseThrow();
        CalendarOverride used = (CalendarOverride) runtime.getVariable(labBackup.getId(), CalendarOverride.VARIABLE.name());
        assertThat(used.grantedBy()).isEqualTo("alice");
        assertThat(used.usedBy()).isEqualTo("the engine");
        assertThat(runtime.createIncidentQuery().processInstanceId(daily.getId()).count()).isZero();
    }

    @Test
    void theNightlyBackupOfASiteIsRefusedWhileAnotherRunHoldsItsDatabasesAndEachBackupHoldsItsOwn() {
        // given olga's own backup of lab, and a rolling upgrade of lab-charmed, both running in the window
        at(CalendarServiceTest.IN_WINDOW);
        HttpResponse<String> own = olga.postJson("/engine-rest/process-definition/key/" + BackupSite.PROCESS_KEY + "/start",
                "{\"variables\": {\"site\": {\"value\": \"lab\"}, \"scope\": {\"value\": \"full\"}}}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        String ownRun = json(own).path("id").asText();
        ProcessInstance upgrade = runbooks.start("olga", "rolling-upgrade", Map.of("site", "lab-charmed", "targetRelease", "2024.1", "batchSize", 2L));

        // when the nightly backup is due, then each site's start fails into an incident naming who holds its databases
        ProcessInstance daily = fireDailyBackup();
        assertThatThrownBy(() -> management.executeJob(siteJob(daily, "lab").getId()))
                .hasMessageContaining("Rule 'one change at a time': backup-site on lab cannot start: the databases of lab is held by backup lab (backup-site, run "
                        + ownRun + "), started by olga");
        assertThatThrownBy(() -> management.executeJob(siteJob(daily, "lab-charmed").getId()))
                .hasMessageContaining("backup-site on lab-charmed cannot start: the databases of lab-charmed is held by " + upgrade.getBusinessKey() + " (rolling-upgrade, run " + upgrade.getId() + ")");
        assertThat(runtime.createIncidentQuery().processInstanceId(daily.getId()).list()).extracting(Incident::getIncidentMessage)
                .anySatisfy(m -> assertThat(m).contains("(backup-site, run " + ownRun + ")"))
                .anySatisfy(m -> assertThat(m).contains("(rolling-upgrade, run " + upgrade.getId() + ")"));
        assertThat(backupsOf(daily)).isEmpty();

        // when both runs are cancelled, the retries start both backups, each holding its own site's databases (the nightly
        // schedule declares no leases: a backup that ends releases its own, whatever the other sites' backups do)
        runtime.deleteProcessInstance(ownRun, "cancelled by olga");
        runtime.deleteProcessInstance(upgrade.getId(), "upgrade postponed");
        retry(siteJob(daily, "lab"));
        retry(siteJob(daily, "lab-charmed"));
        List<ProcessInstance> backups = backupsOf(daily);
        assertThat(backups).hasSize(2);
        assertThat(leases.all()).extracting(Lease::run).containsExactlyInAnyOrderElementsOf(backups.stream().map(ProcessInstance::getId).toList());
    }

    @Test
    void aRunCancelledAfterAnIncidentReleasesItsLeases() {
        // given a drain of cn03 whose first step ends in an incident: Nova's API answers 503
        at(CalendarServiceTest.IN_WINDOW);
        LabFault fault = lab.require("lab").injectFault(new LabFault("", FaultType.API_DOWN, "compute", "", 0));
        HttpResponse<String> started = drain("lab", "cn03");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String run = json(started).path("id").asText();
        ProcessInstance drain = runtime.createProcessInstanceQuery().processInstanceId(run).singleResult();
        management.executeJob(onlyJob(drain).getId());
        runbooks.exhaustRetries(drain);
        assertThat(runtime.createIncidentQuery().processInstanceId(run).count()).isEqualTo(1);
        assertThat(held()).contains("cn03 on lab held by " + run);
        lab.require("lab").removeFault(fault.id());

        // when olga cancels the run over REST
        HttpResponse<String> cancelled = olga.delete("/engine-rest/process-instance/" + run);

        // then its lease is gone, and a new drain of cn03 starts
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(204);
        assertThat(held()).noneMatch(l -> l.startsWith("cn03 on lab"));
        assertThat(drain("lab", "cn03").statusCode()).isEqualTo(200);
    }

    /** The nightly timer fires and its start runs: one job per site waits to start that site's backup. */
    private ProcessInstance fireDailyBackup() {
        Job timer = management.createJobQuery().processDefinitionKey(DailyBackup.PROCESS_KEY).timers().singleResult();
        management.executeJob(timer.getId());
        ProcessInstance daily = runtime.createProcessInstanceQuery().processDefinitionKey(DailyBackup.PROCESS_KEY).singleResult();
        management.executeJob(onlyJob(daily).getId());
        management.createJobQuery().processInstanceId(daily.getId()).list().forEach(job -> management.setJobRetries(job.getId(), 1));
        return daily;
    }

    /** The job that starts the site's backup in the nightly run. */
    private Job siteJob(ProcessInstance daily, String site) {
        return management.createJobQuery().processInstanceId(daily.getId()).list().stream()
                .filter(job -> site.equals(runtime.getVariable(job.getExecutionId(), "site"))).findFirst().orElseThrow();
    }

    /** What a nightly operator does with the incident: gives the job a retry and it runs. */
    private void retry(Job job) {
        management.setJobRetries(job.getId(), 1);
        management.executeJob(job.getId());
    }

    private Job onlyJob(ProcessInstance run) {
        return management.createJobQuery().processInstanceId(run.getId()).singleResult();
    }

    private List<ProcessInstance> backupsOf(ProcessInstance daily) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(BackupSite.PROCESS_KEY).superProcessInstanceId(daily.getId()).list();
    }

    private HttpResponse<String> drain(String site, String host) {
        return olga.postJson("/engine-rest/process-definition/key/" + DrainComputeNode.PROCESS_KEY + "/start",
                "{\"variables\": {\"site\": {\"value\": \"" + site + "\"}, \"host\": {\"value\": \"" + host + "\"}, "
                        + "\"reason\": {\"value\": \"firmware update\"}}}");
    }

    private long drains() {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(DrainComputeNode.PROCESS_KEY).count();
    }

    /** The leases as anyone signed in reads them: "cn03 on lab held by <run>". */
    private List<String> held() {
        JsonNode all = json(olga.get("/api/leases"));
        return java.util.stream.StreamSupport.stream(all.spliterator(), false)
                .map(l -> l.path("target").asText() + " held by " + l.path("run").asText()).toList();
    }

    private static String message(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("message").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }
}
