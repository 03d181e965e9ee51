package io.dayshift.calendar;

import static io.dayshift.testing.EngineRest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.engine.RunLog;
import io.dayshift.evidence.Decision;
import io.dayshift.evidence.EvidenceStore;
import io.dayshift.testing.Http;
import io.dayshift.testing.ServiceTest;
import io.dayshift.testing.Users;
import io.dayshift.testing.WebappSession;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The calendar on the whole service (H2): administrators change it over REST with a reason, everyone else who may read it
 * reads it, and a runbook that changes a site starts — over REST, from a timer — only when the site is open or with an
 * override that an approver other than the one starting granted.
 */
@ServiceTest
class CalendarServiceTest {

    static final String RUNBOOK = "calendar-gated-test";
    /** Tuesday 2026-12-08, 22:30 in Madrid: inside the window, no freeze. */
    static final Instant IN_WINDOW = Instant.parse("2026-12-08T21:30:00Z");
    /** Tuesday 2026-12-22, 23:00 in Madrid: inside the window, in the year-end freeze. */
    static final Instant IN_FREEZE = Instant.parse("2026-12-22T22:00:00Z");
    /** Wednesday 2026-12-09 noon: outside the window. */
    static final Instant OUTSIDE = Instant.parse("2026-12-09T12:00:00Z");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        sites(registry::add);
    }

    /** Site east with Tuesday nights in Madrid and a year-end freeze; site west without a calendar. */
    static void sites(java.util.function.BiConsumer<String, java.util.function.Supplier<Object>> registry) {
        for (String site : List.of("east", "west")) {
            String key = "dayshift.sites." + site + ".";
            registry.accept(key + "flavour", () -> "kolla");
            registry.accept(key + "openstack.cloud", () -> site);
            registry.accept(key + "openstack.clouds-file", () -> "clouds.yaml");
            registry.accept(key + "kolla.host-group", () -> "deployer");
            registry.accept(key + "kolla.inventory", () -> "/etc/kolla/multinode");
            registry.accept(key + "kolla.globals", () -> "/etc/kolla/globals.yml");
            registry.accept(key + "ssh.deployer.hosts[0]", () -> "deploy01.example.org");
            registry.accept(key + "ssh.deployer.user", () -> "dayshift");
            registry.accept(key + "ssh.deployer.private-key", () -> "id_ed25519");
            registry.accept(key + "ssh.deployer.known-hosts", () -> "known_hosts");
        }
        calendar("east", registry);
    }

    /** Tuesday nights 22:00–02:00 in Madrid and the year-end freeze, on the site's calendar settings. */
    static void calendar(String site, java.util.function.BiConsumer<String, java.util.function.Supplier<Object>> registry) {
        String calendar = "dayshift.sites." + site + ".calendar.";
        registry.accept(calendar + "zone", () -> "Europe/Madrid");
        registry.accept(calendar + "windows[0].days[0]", () -> "tuesday");
        registry.accept(calendar + "windows[0].start", () -> "22:00");
        registry.accept(calendar + "windows[0].end", () -> "02:00");
        registry.accept(calendar + "freezes[0].from", () -> "2026-12-22T00:00:00Z");
        registry.accept(calendar + "freezes[0].to", () -> "2026-12-23T12:00:00Z");
        registry.accept(calendar + "freezes[0].reason", () -> "year-end release");
    }

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    EvidenceStore evidence;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    RepositoryService repository;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;

    Http admin;
    Http olga;
    Http alice;
    Http otto;
    Http audrey;

    @BeforeEach
    void people() {
        Users.ensure(identity, "olga", Roles.OPS_LEADS);
        Users.ensure(identity, "alice", Roles.APPROVERS);
        Users.ensure(identity, "otto", Roles.OPS_LEADS, Roles.APPROVERS);
        Users.ensure(identity, "audrey", Roles.AUDITORS);
        admin = Http.as(port, "admin", "test-admin-password");
        olga = Http.as(port, "olga", Users.PASSWORD);
        alice = Http.as(port, "alice", Users.PASSWORD);
        otto = Http.as(port, "otto", Users.PASSWORD);
        audrey = Http.as(port, "audrey", Users.PASSWORD);
        jdbc.update("DELETE FROM " + CalendarStore.CHANGES);
        jdbc.update("DELETE FROM " + CalendarStore.OVERRIDES);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void administratorsChangeTheCalendarWithAReasonAndEveryRoleThatMayReadItReadsIt() {
        // given Wednesday noon, outside the window
        at(OUTSIDE);
        JsonNode before = json(audrey.get("/api/sites/east/calendar"));
        assertThat(before.path("open").asBoolean()).isFalse();
        assertThat(before.path("opensAt").asText()).isEqualTo("2026-12-15T21:00:00Z");

        // when an administrator adds a one-off window now, without and then with a reason
        String window = "{\"from\": \"2026-12-09T11:00:00Z\", \"to\": \"2026-12-09T15:00:00Z\"%s}";
        assertThat(admin.postJson("/api/sites/east/calendar/windows", window.formatted("")).statusCode()).isEqualTo(400);
        HttpResponse<String> added = admin.postJson("/api/sites/east/calendar/windows", window.formatted(", \"reason\": \"CHG-42 hotfix\""));

        // then it is recorded with who and why, and the site is open until it ends, for every reader
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String id = body(added).path("id").asText();
        assertThat(jdbc.queryForMap("SELECT changed_by, reason, kind FROM " + CalendarStore.CHANGES + " WHERE id = ?", id))
                .containsEntry("CHANGED_BY", "admin").containsEntry("REASON", "CHG-42 hotfix").containsEntry("KIND", "ADD_WINDOW");
        for (Http reader : List.of(audrey, olga, alice, admin)) {
            JsonNode now = json(reader.get("/api/sites/east/calendar"));
            assertThat(now.path("open").asBoolean()).isTrue();
            assertThat(now.path("until").asText()).isEqualTo("2026-12-09T15:00:00Z");
            assertThat(now.path("zone").asText()).isEqualTo("Europe/Madrid");
        }

        // and no one else changes it: 403, nothing recorded
        for (Http other : List.of(olga, alice, audrey)) {
            assertThat(other.postJson("/api/sites/east/calendar/freezes",
                    "{\"from\": \"2026-12-09T00:00:00Z\", \"to\": \"2026-12-10T00:00:00Z\", \"reason\": \"mine\"}").statusCode()).isEqualTo(403);
            assertThat(other.delete("/api/sites/east/calendar/windows/" + id + "?reason=no").statusCode()).isEqualTo(403);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + CalendarStore.CHANGES, Long.class)).isEqualTo(1);

        // when the administrator removes it again, with a reason: closed again, both changes in the audit trail
        assertThat(admin.delete("/api/sites/east/calendar/windows/" + id + "?reason=CHG-42%20done").statusCode()).isEqualTo(200);
        assertThat(json(audrey.get("/api/sites/east/calendar")).path("open").asBoolean()).isFalse();
        JsonNode changes = json(audrey.get("/api/sites/east/calendar/changes")).path("changes");
        assertThat(changes).extracting(c -> c.path("kind").asText() + " " + c.path("reason").asText() + " by " + c.path("changedBy").asText())
                .containsExactly("ADD_WINDOW CHG-42 hotfix by admin", "REMOVE CHG-42 done by admin");
    }

    @Test
    void aStartInAFreezeIsRefusedWithWhyAndHowToOverrideAndAStartInAWindowRuns() {
        // given the year-end freeze, inside the Tuesday window
        at(IN_FREEZE);
        long before = runs();

        // when an ops lead starts the runbook over REST
        HttpResponse<String> refused = start(olga, "east");

        // then 403 naming the site, the freeze and the override; nothing ran
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(body(refused).path("message").asText()).contains("site east is closed for changes", "year-end release",
                "it opens", "POST /api/sites/east/calendar/overrides", RUNBOOK);
        assertThat(runs()).isEqualTo(before);

        // when the same start comes in a window without a freeze: it runs
        at(IN_WINDOW);
        HttpResponse<String> started = start(olga, "east");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(workDone(json(started).path("id").asText())).isTrue();
    }

    @Test
    void aSiteWithoutACalendarIsAlwaysOpen() {
        for (Instant when : List.of(IN_FREEZE, OUTSIDE, IN_WINDOW)) {
            at(when);
            HttpResponse<String> started = start(olga, "west");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            assertThat(workDone(json(started).path("id").asText())).isTrue();
        }
        assertThat(json(audrey.get("/api/sites/west/calendar")).path("open").asBoolean()).isTrue();
    }

    @Test
    void aStartForASiteThatIsNotConfiguredIsLeftToTheRunbooksOwnInputCheck() {
        // the calendar does not turn a mistyped site into a technical error: the runbook refuses it on its modelled path
        at(IN_FREEZE);
        HttpResponse<String> started = start(olga, "nowhere");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(audrey.get("/api/sites/nowhere/calendar").statusCode()).isEqualTo(404);
    }

    @Test
    void aTimerStartInAFreezeFailsItsJobAndRunsNothing() {
        // given a scheduled process that calls the runbook for site east, deployed for this test
        repository.createDeployment().name("calendar-timer-test").addString("calendar-timer-test.bpmn", TIMER_PROCESS).deploy();
        at(IN_FREEZE);
        long before = runs();
        long doneBefore = history.createHistoricVariableInstanceQuery().variableName("workDone").count();
        Job timer = management.createJobQuery().processDefinitionKey("calendar-timer-test").singleResult();
        management.setJobRetries(timer.getId(), 1);

        // when the timer fires in the freeze
        assertThatThrownBy(() -> management.executeJob(timer.getId())).hasMessageContaining("site east is closed for changes")
                .hasMessageContaining("year-end release");

        // then the job failed into an incident, and the runbook never ran
        assertThat(management.createJobQuery().jobId(timer.getId()).singleResult().getRetries()).isZero();
        assertThat(runtime.createIncidentQuery().configuration(timer.getId()).count()).isEqualTo(1);
        assertThat(runs()).isEqualTo(before);
        assertThat(history.createHistoricVariableInstanceQuery().variableName("workDone").count()).isEqualTo(doneBefore);
    }

    @Test
    void anOverrideGrantedByAnApproverIsUsedOnceBySomeoneElseAndRecordedWithTheRun() {
        // given the freeze, and an override an approver grants (an auditor may not)
        at(IN_FREEZE);
        String grant = "{\"runbook\": \"" + RUNBOOK + "\", \"reason\": \"Sev-1: nova-api down\", \"validMinutes\": 30}";
        assertThat(audrey.postJson("/api/sites/east/calendar/overrides", grant).statusCode()).isEqualTo(403);
        assertThat(alice.postJson("/api/sites/east/calendar/overrides", "{\"runbook\": \"" + RUNBOOK + "\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> granted = alice.postJson("/api/sites/east/calendar/overrides", grant);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);

        // when an ops lead starts the runbook
        HttpResponse<String> started = start(olga, "east");

        // then it runs, with who granted the override and why in its variable and its log, and the override is used up
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String run = json(started).path("id").asText();
        assertThat(workDone(run)).isTrue();
        CalendarOverride recorded = (CalendarOverride) history.createHistoricVariableInstanceQuery().processInstanceId(run)
                .variableName(CalendarOverride.VARIABLE.name()).singleResult().getValue();
        assertThat(recorded.grantedBy()).isEqualTo("alice");
        assertThat(recorded.reason()).isEqualTo("Sev-1: nova-api down");
        assertThat(recorded.usedBy()).isEqualTo("olga");
        RunLog.StepRecords steps = (RunLog.StepRecords) history.createHistoricVariableInstanceQuery().processInstanceId(run)
                .variableName(RunLog.STEPS.name()).singleResult().getValue();
        assertThat(steps.steps()).anySatisfy(step -> {
            assertThat(step.step()).isEqualTo(CalendarGate.STEP);
            assertThat(step.result()).isEqualTo("override granted by alice, used by olga");
            assertThat(step.evidence()).isEqualTo("Sev-1: nova-api down");
        });
        assertThat(jdbc.queryForMap("SELECT used_by, used_run FROM " + CalendarStore.OVERRIDES))
                .containsEntry("USED_BY", "olga").containsEntry("USED_RUN", run);
        // and in its evidence journal, with who granted it and why
        assertThat(evidence.entries(run)).filteredOn(e -> e.kind().equals(Decision.OVERRIDE)).singleElement().satisfies(e -> {
            assertThat(e.step()).isEqualTo(CalendarGate.STEP);
            assertThat(e.outcome()).isEqualTo("by alice");
            assertThat(e.action()).contains("used by olga");
            assertThat(e.detail()).isEqualTo("Sev-1: nova-api down");
            assertThat(e.target()).isEqualTo("east");
        });
        assertThat(start(olga, "east").statusCode()).isEqualTo(403);
    }

    @Test
    void anOverrideIsNotUsedByWhoGrantedItNorByAStartVariableAlone() {
        // given the freeze, and an override granted by otto, who is an ops lead and an approver
        at(IN_FREEZE);
        long before = runs();
        String grant = "{\"runbook\": \"" + RUNBOOK + "\", \"reason\": \"I am sure\", \"validMinutes\": 30}";
        assertThat(otto.postJson("/api/sites/east/calendar/overrides", grant).statusCode()).isEqualTo(201);

        // when otto starts the runbook himself
        HttpResponse<String> own = start(otto, "east");

        // then it is refused and says why; the override stays unused
        assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
        assertThat(body(own).path("message").asText()).contains("the override you granted yourself does not count");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + CalendarStore.OVERRIDES + " WHERE used_at IS NULL", Long.class)).isEqualTo(1);
        assertThat(runs()).isEqualTo(before);

        // and a start that merely claims an override in its variables is refused as any start
        HttpResponse<String> claimed = olga.postJson("/engine-rest/process-definition/key/" + RUNBOOK + "/start",
                "{\"variables\": {\"site\": {\"value\": \"east\"}, \"calendarOverride\": {\"value\": \"trust me\"}}}");
        assertThat(claimed.statusCode()).isEqualTo(403);
        assertThat(runs()).isEqualTo(before);
    }

    @Test
    void theStartFormOfARunbookThatChangesASiteShowsWhetherEachSiteIsOpenBeforeItIsSubmitted() throws Exception {
        // given the year-end freeze on east; west has no calendar
        at(IN_FREEZE);
        String drain = repository.createProcessDefinitionQuery().processDefinitionKey("drain-compute-node").latestVersion().singleResult().getId();

        // when an ops lead opens the drain's start form, as Tasklist loads it
        JsonNode form = json(olga.get("/engine-rest/process-definition/" + drain + "/deployed-start-form"));

        // then a text above the site field says, per site, whether it is open now and when it opens
        JsonNode components = form.path("components");
        int notice = index(components, "id", StartFormsShowTheCalendar.COMPONENT);
        assertThat(notice).isEqualTo(index(components, "key", "site") - 1);
        JsonNode shown = components.get(notice);
        assertThat(shown.path("type").asText()).isEqualTo("text");
        assertThat(shown.has("key")).as("a text with no key is nothing a person submits").isFalse();
        assertThat(shown.path("text").asText())
                .contains("As of Tue 2026-12-22 22:00 Z")
                .contains("- **east**: closed, change freeze (year-end release); it opens Tue 2026-12-29 22:00 CET (2026-12-29T21:00:00Z)")
                .contains("- **west**: always open: no calendar");

        // and in the window it says until when; Tasklist's own route to the form (the webapp's engine API) shows the same
        at(IN_WINDOW);
        WebappSession tasklist = new WebappSession(port);
        assertThat(tasklist.login("tasklist", "olga", Users.PASSWORD).statusCode()).isEqualTo(200);
        HttpResponse<String> viaTasklist = tasklist.get("/camunda/api/engine/engine/default/process-definition/" + drain + "/deployed-start-form");
        assertThat(viaTasklist.statusCode()).as(viaTasklist.body()).isEqualTo(200);
        assertThat(json(viaTasklist).path("components").get(notice).path("text").asText())
                .contains("- **east**: open until Wed 2026-12-09 02:00 CET");

        // and a read-only runbook's start form shows nothing of it
        String healthCheck = repository.createProcessDefinitionQuery().processDefinitionKey("site-health-check").latestVersion().singleResult().getId();
        assertThat(olga.get("/engine-rest/process-definition/" + healthCheck + "/deployed-start-form").body())
                .doesNotContain(StartFormsShowTheCalendar.COMPONENT);
    }

    @Test
    void theCalendarTextIsNoInputOfTheRun() {
        // given the test runbook's start form, shown with the calendar text
        at(IN_WINDOW);
        JsonNode form = json(olga.get("/engine-rest/process-definition/key/" + RUNBOOK + "/deployed-start-form"));
        assertThat(index(form.path("components"), "id", StartFormsShowTheCalendar.COMPONENT)).isNotNegative();
        long before = runs();

        // when an ops lead submits the form with a value for the text besides the site
        HttpResponse<String> submitted = olga.postJson("/engine-rest/process-definition/key/" + RUNBOOK + "/submit-form",
                "{\"variables\": {\"site\": {\"value\": \"east\"}, \"" + StartFormsShowTheCalendar.COMPONENT + "\": {\"value\": \"open, trust me\"}}}");

        // then it is refused as any value outside the form's fields; the site alone starts the run, with no such variable
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(403);
        assertThat(body(submitted).path("message").asText()).contains("only the form's fields");
        assertThat(runs()).isEqualTo(before);
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/" + RUNBOOK + "/submit-form",
                "{\"variables\": {\"site\": {\"value\": \"east\"}}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String run = json(started).path("id").asText();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(run).list())
                .extracting(v -> v.getName()).doesNotContain(StartFormsShowTheCalendar.COMPONENT).contains("site");
    }

    @Test
    void anApproverRevokesAnUnusedOverrideWithAReasonAndAUsedOneStays() {
        // given the freeze, and two overrides alice granted
        at(IN_FREEZE);
        String grant = "{\"runbook\": \"" + RUNBOOK + "\", \"reason\": \"Sev-1: nova-api down\", \"validMinutes\": 30}";
        String first = body(alice.postJson("/api/sites/east/calendar/overrides", grant)).path("id").asText();
        String revokeFirst = "/api/sites/east/calendar/overrides/" + first;

        // when someone who may not, or without a reason, revokes it: refused, and it stays usable
        assertThat(olga.delete(revokeFirst + "?reason=not%20mine").statusCode()).isEqualTo(403);
        assertThat(audrey.delete(revokeFirst + "?reason=not%20mine").statusCode()).isEqualTo(403);
        assertThat(otto.delete(revokeFirst).statusCode()).isEqualTo(400);
        assertThat(otto.delete("/api/sites/east/calendar/overrides/no-such-override?reason=x").statusCode()).isEqualTo(404);
        assertThat(otto.delete("/api/sites/west/calendar/overrides/" + first + "?reason=x").statusCode()).isEqualTo(404);

        // when another approver revokes it with a reason
        HttpResponse<String> revoked = otto.delete(revokeFirst + "?reason=nova-api%20is%20back");

        // then it is recorded in the changes, and a start in the freeze is refused again
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(body(revoked).path("kind").asText()).isEqualTo("REVOKE_OVERRIDE");
        JsonNode changes = json(audrey.get("/api/sites/east/calendar/changes")).path("changes");
        assertThat(changes).extracting(c -> c.path("kind").asText() + " " + c.path("target").asText() + " " + c.path("reason").asText()
                + " by " + c.path("changedBy").asText()).containsExactly("REVOKE_OVERRIDE " + first + " nova-api is back by otto");
        assertThat(start(olga, "east").statusCode()).isEqualTo(403);
        assertThat(otto.delete(revokeFirst + "?reason=again").statusCode()).isEqualTo(409);

        // and an override that a start used cannot be revoked: 409 naming the run; an administrator revokes an unused one
        String second = body(alice.postJson("/api/sites/east/calendar/overrides", grant)).path("id").asText();
        String run = json(start(olga, "east")).path("id").asText();
        HttpResponse<String> used = otto.delete("/api/sites/east/calendar/overrides/" + second + "?reason=too%20late");
        assertThat(used.statusCode()).isEqualTo(409);
        assertThat(body(used).path("error").asText()).contains("olga used it for run " + run);
        String third = body(alice.postJson("/api/sites/east/calendar/overrides", grant)).path("id").asText();
        assertThat(admin.delete("/api/sites/east/calendar/overrides/" + third + "?reason=change%20cancelled").statusCode()).isEqualTo(200);
        assertThat(start(olga, "east").statusCode()).isEqualTo(403);
    }

    private static int index(JsonNode components, String field, String value) {
        for (int i = 0; i < components.size(); i++) {
            if (value.equals(components.get(i).path(field).asText())) {
                return i;
            }
        }
        return -1;
    }

    private HttpResponse<String> start(Http user, String site) {
        return user.postJson("/engine-rest/process-definition/key/" + RUNBOOK + "/start",
                "{\"variables\": {\"site\": {\"value\": \"" + site + "\"}}}");
    }

    private long runs() {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(RUNBOOK).count();
    }

    private boolean workDone(String run) {
        return Boolean.TRUE.equals(history.createHistoricVariableInstanceQuery().processInstanceId(run).variableName("workDone")
                .singleResult().getValue());
    }

    private static JsonNode body(HttpResponse<String> response) {
        try {
            return new ObjectMapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    static final String TIMER_PROCESS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                              id="Definitions_CalendarTimerTest" targetNamespace="http://dayshift.io/test">
              <bpmn:process id="calendar-timer-test" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="StartEvent_Due">
                  <bpmn:outgoing>Flow_ToCall</bpmn:outgoing>
                  <bpmn:timerEventDefinition><bpmn:timeDate>2030-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition>
                </bpmn:startEvent>
                <bpmn:sequenceFlow id="Flow_ToCall" sourceRef="StartEvent_Due" targetRef="Task_CallRunbook"/>
                <bpmn:callActivity id="Task_CallRunbook" calledElement="calendar-gated-test">
                  <bpmn:extensionElements><camunda:in sourceExpression="${'east'}" target="site"/></bpmn:extensionElements>
                  <bpmn:incoming>Flow_ToCall</bpmn:incoming>
                  <bpmn:outgoing>Flow_ToEnd</bpmn:outgoing>
                </bpmn:callActivity>
                <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_CallRunbook" targetRef="EndEvent_Done"/>
                <bpmn:endEvent id="EndEvent_Done"><bpmn:incoming>Flow_ToEnd</bpmn:incoming></bpmn:endEvent>
              </bpmn:process>
            </bpmn:definitions>
            """;
}
