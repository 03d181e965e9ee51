package io.dayshift.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.runbook.backup.BackupSite;
import io.dayshift.runbook.backup.DailyBackup;
import io.dayshift.runbook.drain.DrainComputeNode;
import io.dayshift.runbook.sev1.Sev1Incident;
import io.dayshift.testing.Http;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs and tasks that say what they are about, on the whole service and the lab: the business key of a run started over
 * REST (whatever key its starter gave), by a timer, by an ops lead in Tasklist and as a called part; each task's name,
 * description, priority and due date; and the shared Tasklist filters that sort by them, readable by the right groups.
 * Site {@code lab} has Tuesday-night windows in Madrid, and the clock stands in one (Tuesday 23:00 Madrid, 21:00 UTC).
 */
@RunbookProcessTest(clock = "2025-05-06T21:00:00Z", coverage = false)
class RunNamesTest extends ProcessTestFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The end of lab's window: Wednesday 02:00 in Madrid. */
    private static final Instant WINDOW_END = Instant.parse("2025-05-07T00:00:00Z");

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/drain-kolla.yaml");
        registry.add("dayshift.lab.sites.lab-charmed", () -> "lab/small-charmed.yaml");
        registry.add("dayshift.retries.openstack", () -> "R2/PT1S");
        registry.add("dayshift.sites.lab.calendar.zone", () -> "Europe/Madrid");
        registry.add("dayshift.sites.lab.calendar.windows[0].days[0]", () -> "tuesday");
        registry.add("dayshift.sites.lab.calendar.windows[0].start", () -> "22:00");
        registry.add("dayshift.sites.lab.calendar.windows[0].end", () -> "02:00");
    }

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void users() {
        ClockUtil.setCurrentTime(java.util.Date.from(Instant.parse("2025-05-06T21:00:00Z")));
        runbooks.user("olga", Roles.OPS_LEADS);
        runbooks.user("alice", Roles.APPROVERS);
        runbooks.user("audrey", Roles.AUDITORS);
    }

    @Test
    void aDrainStartedOverRestIsNamedByItsHostAndSiteAndItsApprovalSaysWhatIsDecidedAndByWhen() throws Exception {
        // when olga starts a drain of cn01 over REST, giving a business key of her own
        HttpResponse<String> started = Http.as(port, "olga", Users.PASSWORD).postJson("/engine-rest/process-definition/key/"
                + DrainComputeNode.PROCESS_KEY + "/start", """
                {"businessKey": "cn02 is fine", "variables": {
                  "site": {"value": "lab"}, "host": {"value": "cn01"}, "reason": {"value": "BIOS update"}}}""");

        // then the run is named by what it acts on, in the engine and in history, and her key is replaced
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();
        assertThat(JSON.readTree(started.body()).path("businessKey").asText()).isEqualTo("drain cn01 @ lab");
        ProcessInstance run = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(run.getBusinessKey()).isEqualTo("drain cn01 @ lab");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getBusinessKey()).isEqualTo("drain cn01 @ lab");

        // and its approval, once planned, says what is decided about what, at the approvals' priority, due when lab's window ends
        runbooks.runJobs();
        Task approval = runbooks.task(run, DrainComputeNode.Elements.APPROVE_PLAN);
        assertThat(approval).isNotNull();
        assertThat(approval.getName()).isEqualTo("Approve drain plan — drain cn01 @ lab").doesNotContain(id);
        assertThat(approval.getDescription()).contains("approver").contains("which instance goes where");
        assertThat(approval.getPriority()).isEqualTo(RunNames.APPROVAL_PRIORITY);
        assertThat(approval.getDueDate()).isEqualTo(java.util.Date.from(WINDOW_END));

        // and Tasklist's REST lists it by that name for the approver
        JsonNode listed = JSON.readTree(Http.as(port, "alice", Users.PASSWORD).get("/engine-rest/task?processInstanceId=" + id).body());
        assertThat(listed.get(0).path("name").asText()).isEqualTo("Approve drain plan — drain cn01 @ lab");

        // when alice approves, the drain's waits (its await-operation parts) carry the drain's name
        runbooks.approve(run, DrainComputeNode.Elements.APPROVE_PLAN, "alice", true, "window agreed");
        runbooks.runJobs();
        List<ProcessInstance> parts = runtime.createProcessInstanceQuery().superProcessInstanceId(id).list();
        assertThat(parts).isNotEmpty().allSatisfy(part -> assertThat(part.getBusinessKey()).isEqualTo("drain cn01 @ lab"));
    }

    @Test
    void aSev1IsNamedByItsSiteAndHeadlineAndItsTasksComeFirstDueAtTheirPhasesDeadline() {
        // given a Sev-1 reported by olga with a long headline
        String headline = "Nova API answers 503 on every call since the control plane reboot, HypervisorDown on cn03";
        ProcessInstance run = runbooks.start("olga", Sev1Incident.PROCESS_KEY, Map.of("site", "lab", "summary", headline));

        // then its name is the site and the headline, cut
        assertThat(run.getBusinessKey()).startsWith("sev1 lab: Nova API answers 503").endsWith("…").hasSizeLessThan(80);

        // when it reaches the status page update of its communication phase
        runbooks.runJobs();
        Task statusPage = runbooks.task(run, Sev1Incident.Elements.UPDATE_STATUS_PAGE);
        assertThat(statusPage).isNotNull();

        // then the task is urgent and due at the communication phase's deadline, 10 minutes after the incident opened
        assertThat(statusPage.getName()).isEqualTo("Update status page — " + run.getBusinessKey());
        assertThat(statusPage.getPriority()).isGreaterThanOrEqualTo(RunNames.SEV1_PRIORITY);
        assertThat(statusPage.getDueDate()).isEqualTo(java.util.Date.from(Instant.parse("2025-05-06T21:10:00Z")));
    }

    @Test
    void theNightlyBackupNamesEachSitesBackupAfterTheSiteAndTheNight() {
        // when the daily backup's timer fires
        Job timer = management.createJobQuery().processDefinitionKey(DailyBackup.PROCESS_KEY).timers().singleResult();
        assertThat(timer).isNotNull();
        management.executeJob(timer.getId());
        for (int i = 0; i < 4; i++) {
            List<Job> starts = management.createJobQuery().processDefinitionKey(DailyBackup.PROCESS_KEY).executable().list();
            starts.forEach(job -> management.executeJob(job.getId()));
        }

        // then the nightly run is named after the night, and each site's backup after its site and the nightly run
        List<String> names = new ArrayList<>();
        history.createHistoricProcessInstanceQuery().processDefinitionKey(BackupSite.PROCESS_KEY).list().stream()
                .map(HistoricProcessInstance::getBusinessKey).forEach(names::add);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(DailyBackup.PROCESS_KEY).list())
                .extracting(HistoricProcessInstance::getBusinessKey).containsOnly("daily backup 2025-05-06");
        assertThat(names).contains("backup lab (daily backup 2025-05-06)", "backup lab-charmed (daily backup 2025-05-06)");
    }

    @Test
    void aRunbookCalledByAnotherRunCarriesTheNameOfTheRunAtTheTopOfItsTree() {
        // given a run that calls a drain (as the rolling upgrade does)
        repository.createDeployment().name("identity caller (test)").addModelInstance("identity-caller.bpmn",
                Bpmn.createExecutableProcess("identity-caller").name("Identity caller: calls a drain for this test").camundaHistoryTimeToLive(1)
                        .startEvent("StartEvent_Started")
                        .callActivity("Task_DrainHost").calledElement(DrainComputeNode.PROCESS_KEY)
                        .camundaIn("site", "site").camundaIn("host", "host").camundaIn("reason", "reason")
                        .endEvent("EndEvent_Done").done()).deploy();

        // when it starts
        ProcessInstance caller = runtime.startProcessInstanceByKey("identity-caller", "given by the caller", Map.of("site", "lab", "host", "cn02",
                "reason", "firmware"));

        // then the drain says its host and site, and the run it serves
        assertThat(caller.getBusinessKey()).isEqualTo("Identity caller 2025-05-06");
        ProcessInstance drain = runtime.createProcessInstanceQuery().superProcessInstanceId(caller.getId()).singleResult();
        assertThat(drain.getBusinessKey()).isEqualTo("drain cn02 @ lab (Identity caller 2025-05-06)");
    }

    @Test
    void theSharedFiltersAreCreatedOnceSortedByUrgencyAndReadableByTheirGroupsOnly() throws Exception {
        // given the set-up run again, as at every start of every node
        for (ApplicationRunner runner : context.getBeansOfType(ApplicationRunner.class).values()) {
            if (runner.getClass().getSimpleName().startsWith("AccessBootstrap")) {
                runner.run(null);
            }
        }

        // then each filter exists once
        for (String name : List.of("Sev-1", "Approvals for my groups", "Tasks for my groups", "My tasks")) {
            assertThat(filterService().createFilterQuery().filterName(name).count()).as(name).isEqualTo(1);
        }

        // and an ops lead reads the urgent and group filters, not the approvers' one; an approver reads it; an auditor none
        assertThat(filterNames("olga")).contains("Sev-1", "Tasks for my groups", "My tasks").doesNotContain("Approvals for my groups");
        assertThat(filterNames("alice")).contains("Sev-1", "Approvals for my groups", "Tasks for my groups");
        assertThat(filterNames("audrey")).doesNotContain("Sev-1", "Approvals for my groups", "Tasks for my groups", "My tasks");

        // and each sorts most urgent first, then the soonest due
        String sev1 = filterService().createFilterQuery().filterName("Sev-1").singleResult().getId();
        JsonNode filter = JSON.readTree(Http.as(port, "olga", Users.PASSWORD).get("/engine-rest/filter/" + sev1).body());
        assertThat(filter.path("query").path("sorting").toString()).isEqualTo(
                "[{\"sortBy\":\"priority\",\"sortOrder\":\"desc\"},{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]");

        // when a Sev-1 and a drain both wait for olga's group, the Sev-1's task is listed first
        ProcessInstance incident = runbooks.start("olga", Sev1Incident.PROCESS_KEY, Map.of("site", "lab", "summary", "API down"));
        runbooks.runJobs();
        // and a routine task for her group is created after it
        org.camunda.bpm.engine.TaskService taskService = context.getBean(org.camunda.bpm.engine.TaskService.class);
        org.camunda.bpm.engine.task.Task routine = taskService.newTask();
        routine.setName("Routine task, created last");
        routine.setPriority(RunNames.DEFAULT_PRIORITY);
        taskService.saveTask(routine);
        taskService.addCandidateGroup(routine.getId(), Roles.OPS_LEADS);
        String groups = filterService().createFilterQuery().filterName("Tasks for my groups").singleResult().getId();
        // then the filter, listed as Tasklist 7.24 lists it (the first page, its own order "Created, newest first" when its
        // address has none, active tasks only), still puts the Sev-1's task first: the engine orders by the filter's sorting
        // before the list's, so the list's order only breaks ties
        String asTasklist = "{\"firstResult\":0,\"maxResults\":15,\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true}";
        try {
            JsonNode listed = JSON.readTree(Http.as(port, "olga", Users.PASSWORD).postJson("/engine-rest/filter/" + groups + "/list", asTasklist).body());
            assertThat(listed.size()).isGreaterThan(1);
            assertThat(listed.get(0).path("name").asText()).endsWith("sev1 lab: API down");
            assertThat(listed.findValuesAsText("name")).contains("Routine task, created last");
            List<Integer> priorities = new java.util.ArrayList<>();
            listed.forEach(task -> priorities.add(task.path("priority").asInt()));
            assertThat(priorities).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            // and the same list in the order Tasklist shows above it (scripts/urgent-first.js): the same tasks in the same order
            String urgentFirst = asTasklist.replace("[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]",
                    "[{\"sortBy\":\"priority\",\"sortOrder\":\"desc\"},{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]");
            JsonNode sameOrder = JSON.readTree(Http.as(port, "olga", Users.PASSWORD).postJson("/engine-rest/filter/" + groups + "/list", urgentFirst).body());
            assertThat(List.of(sameOrder.get(0).path("id").asText(), sameOrder.get(1).path("id").asText()))
                    .isEqualTo(List.of(listed.get(0).path("id").asText(), listed.get(1).path("id").asText()));
        } finally {
            taskService.deleteTask(routine.getId(), true);
        }
        JsonNode urgent = JSON.readTree(Http.as(port, "olga", Users.PASSWORD).postJson("/engine-rest/filter/" + sev1 + "/list", "{}").body());
        assertThat(urgent).isNotEmpty().allSatisfy(task -> assertThat(task.path("priority").asInt()).isGreaterThanOrEqualTo(RunNames.SEV1_PRIORITY));
        assertThat(incident.getBusinessKey()).isEqualTo("sev1 lab: API down");
    }

    @Test
    void aStartFormOffersTheConfiguredSitesShowsNoPatternAndLinksToThePersonsOwnRuns() throws Exception {
        // when olga opens the drain's start form in Tasklist
        HttpResponse<String> served = Http.as(port, "olga", Users.PASSWORD).get("/engine-rest/process-definition/key/" + DrainComputeNode.PROCESS_KEY
                + "/deployed-start-form");

        // then the site is chosen from the configured sites, no field carries a pattern, and "My runs" links to her runs
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        JsonNode site = null;
        JsonNode myRuns = null;
        for (JsonNode component : JSON.readTree(served.body()).path("components")) {
            if (component.path("key").asText().equals("site")) {
                site = component;
            }
            if (component.path("id").asText().equals("Text_MyRuns")) {
                myRuns = component;
            }
            assertThat(component.path("validate").has("pattern")).as(component.toString()).isFalse();
        }
        assertThat(site).isNotNull();
        assertThat(site.path("type").asText()).isEqualTo("select");
        List<String> offered = new ArrayList<>();
        site.path("values").forEach(v -> offered.add(v.path("value").asText()));
        assertThat(offered).containsExactly("lab", "lab-charmed");
        assertThat(myRuns).isNotNull();
        assertThat(myRuns.path("text").asText()).contains("[My runs](/audit?person=olga)");
    }

    @Test
    void aStartWithAnUnknownSiteAMalformedHostAndNoReasonIsRefusedAtOnceInWords() throws Exception {
        long before = history.createHistoricProcessInstanceQuery().processDefinitionKey(DrainComputeNode.PROCESS_KEY).count();

        // when olga submits a drain with a site that does not exist, a host that is no host name and no reason field at all
        HttpResponse<String> refused = Http.as(port, "olga", Users.PASSWORD).postJson("/engine-rest/process-definition/key/"
                + DrainComputeNode.PROCESS_KEY + "/submit-form", """
                {"variables": {"site": {"value": "nowhere"}, "host": {"value": "cn01; rm -rf /"}}}""");

        // then the start is refused at once with every problem, each naming its field and saying what it takes, in words
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        String message = JSON.readTree(refused.body()).path("message").asText();
        assertThat(message).contains("The run was not started, nothing was changed:")
                .contains("site: there is no site 'nowhere' (sites: lab, lab-charmed)")
                .contains("host: 'cn01; rm -rf /' is not a host name: expected a host name such as cn01 or cn01.example.org")
                .contains("reason: give a reason")
                .doesNotContain("^").doesNotContain("[a-z").doesNotContain("[A-Za-z").doesNotContain("\\d").doesNotContain("$");

        // and no run was started
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(DrainComputeNode.PROCESS_KEY).count()).isEqualTo(before);

        // and a Sev-1 started over REST without its summary is refused the same way, naming the field
        HttpResponse<String> noSummary = Http.as(port, "olga", Users.PASSWORD).postJson("/engine-rest/process-definition/key/"
                + Sev1Incident.PROCESS_KEY + "/start", """
                {"variables": {"site": {"value": "lab"}}}""");
        assertThat(noSummary.statusCode()).as(noSummary.body()).isEqualTo(403);
        assertThat(JSON.readTree(noSummary.body()).path("message").asText()).contains("summary: give a one-line summary of the incident")
                .doesNotContain("An error happened");
    }

    private org.camunda.bpm.engine.FilterService filterService() {
        return context.getBean(org.camunda.bpm.engine.FilterService.class);
    }

    private List<String> filterNames(String user) throws Exception {
        HttpResponse<String> response = Http.as(port, user, Users.PASSWORD).get("/engine-rest/filter");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        JSON.readTree(response.body()).forEach(f -> names.add(f.path("name").asText()));
        return names;
    }
}
