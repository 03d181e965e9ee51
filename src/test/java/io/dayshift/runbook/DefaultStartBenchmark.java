package io.dayshift.runbook;

import static io.dayshift.testing.EngineRest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dayshift.access.Roles;
import io.dayshift.lab.model.Hypervisor;
import io.dayshift.lab.model.LabSite;
import io.dayshift.runbook.addcompute.AddComputeNode;
import io.dayshift.runbook.drain.DrainComputeNode;
import io.dayshift.runbook.drain.ReturnComputeNode;
import io.dayshift.runbook.upgrade.RollingUpgrade;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.ServiceTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A benchmark, not part of {@code ./mvnw verify} (its name does not end in Test): the runbooks a newcomer tries first, on
 * the default start with the lab's operations instant ({@code dayshift.lab.time-factor=0}). The whole service runs as
 * {@code java -jar} starts it: the built-in lab with its default sites {@code lab} (kolla) and {@code lab-charmed}
 * (charmed), the job executor on with the shipped {@code camunda.bpm.job-execution.*} settings, every runbook's
 * check interval as shipped; only the port, the lab's directory, the database file and the node's identity file are the
 * benchmark's own (a temporary directory). Everything is done over REST as people would: an ops lead starts each run, a
 * second user approves its plan as soon as it is offered, the ops lead answers the drains' questions as the end-to-end
 * test does (an instance in ERROR cannot move: skip it, finish, upgrade the host anyway), so the time measured is the
 * service's own. One after the other:
 * <ol>
 * <li>{@code drain-compute-node} of cn01 on {@code lab}, then {@code return-compute-node} of it;</li>
 * <li>{@code add-compute-node} of spare01 on {@code lab}, zone az1;</li>
 * <li>{@code rolling-upgrade} of {@code lab}, then of {@code lab-charmed}, to 2024.1, canary cn06, batches of two.</li>
 * </ol>
 * For each: the wall time from the start request until the run was seen at its success end (and the run's own duration
 * in the history), the time its tasks waited for a person, the jobs executed (the history's job log, also failed ones)
 * and the activity instances, over the run and every run it called. A run that has not ended after 15 minutes is
 * reported as such, deleted, and the benchmark goes on; a run that ends elsewhere than at its success end, or leaves the
 * site other than intended, is reported and fails the benchmark once every run has been measured. Run it with
 *
 * <pre>./mvnw test -Dtest=DefaultStartBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * It prints, and writes to {@code target/benchmarks/default-start.txt}, one line per run.
 */
@ServiceTest
class DefaultStartBenchmark extends EndToEndFixture {

    private static final Path DIR = LabTests.tempDirectory("default-start-");
    private static final int PORT = LabTests.freePort();
    private static final Duration PATIENCE = Duration.ofMinutes(15);
    private static final Duration LOOK = Duration.ofMillis(250);
    /** The plans' approvals (the drain's and the upgrade's share their id). */
    private static final Set<String> APPROVALS = Set.copyOf(List.of(DrainComputeNode.Elements.APPROVE_PLAN, RollingUpgrade.Elements.APPROVE_PLAN,
            AddComputeNode.Elements.APPROVE_ADDITION));
    private static final Set<String> DRAIN_QUESTIONS = Set.of("Task_DecideOperation", "Task_DecideHostNotEmpty", "Task_DecideDrainFailure");

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        // what the default start has and the test profile turns off
        registry.add("dayshift.lab.enabled", () -> "true");
        registry.add("camunda.bpm.job-execution.enabled", () -> "true");
        registry.add("dayshift.lab.time-factor", () -> "0");
        // what a test must choose itself: the port (the lab writes its URLs with it), and where the data goes
        registry.add("server.port", () -> PORT);
        registry.add("dayshift.lab.directory", () -> DIR.resolve("lab").toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DIR.resolve("data/dayshift") + ";DB_CLOSE_ON_EXIT=FALSE");
        registry.add("dayshift.node.id-file", () -> DIR.resolve("data/node-id").toString());
    }

    @Autowired
    HistoryService history;
    @Autowired
    RuntimeService runtime;

    private Http olga;
    private Http anna;

    /** One run measured: its line of the report, and what was wrong with it, if anything. */
    private record Measured(String line, String failure) {
    }

    @Test
    void theDefaultStartsRunbooksWithInstantLabOperations() throws Exception {
        olga = user("olga", Roles.OPS_LEADS);
        anna = user("anna", Roles.APPROVERS);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Measured> results = new ArrayList<>();

        results.add(measure("drain-compute-node lab cn01", DrainComputeNode.PROCESS_KEY, """
                {"site": {"value": "lab"}, "host": {"value": "cn01"}, "reason": {"value": "firmware update, benchmark"}}""",
                DrainComputeNode.Elements.END_HOST_DRAINED, () -> {
                    assertThat(lab.require("lab").nova().instancesOn("cn01")).as("instances left on cn01").isEmpty();
                    assertThat(lab.require("lab").nova().hypervisor("cn01").orElseThrow().enabled()).as("cn01 enabled").isFalse();
                }));
        results.add(measure("return-compute-node lab cn01", ReturnComputeNode.PROCESS_KEY, """
                {"site": {"value": "lab"}, "host": {"value": "cn01"}, "reason": {"value": "firmware updated"}}""",
                ReturnComputeNode.Elements.END_HOST_RETURNED,
                () -> assertThat(lab.require("lab").nova().hypervisor("cn01").orElseThrow().enabled()).as("cn01 enabled").isTrue()));
        results.add(measure("add-compute-node lab spare01", AddComputeNode.PROCESS_KEY, """
                {"site": {"value": "lab"}, "machine": {"value": "spare01"}, "availabilityZone": {"value": "az1"}}""",
                AddComputeNode.Elements.COMPUTE_NODE_ADDED_END, () -> {
                    Hypervisor spare = lab.require("lab").nova().hypervisor("spare01").orElseThrow();
                    assertThat(spare.up()).as("spare01 up").isTrue();
                    assertThat(spare.zone()).as("spare01's zone").isEqualTo("az1");
                }));
        for (String siteName : List.of("lab", "lab-charmed")) {
            int computes = lab.require(siteName).nova().hypervisors().size();
            results.add(measure("rolling-upgrade " + siteName + " (" + computes + " computes, batches of 2)", RollingUpgrade.PROCESS_KEY,
                    "{\"site\":{\"value\":\"" + siteName + "\"},\"targetRelease\":{\"value\":\"2024.1\"},\"batchSize\":{\"value\":2,\"type\":\"Long\"},"
                            + "\"windowStart\":{\"value\":\"" + now.minusMinutes(1) + "\"},\"windowEnd\":{\"value\":\"" + now.plusHours(8) + "\"},"
                            + "\"canaryHost\":{\"value\":\"cn06\"}}",
                    RollingUpgrade.Elements.END_SITE_UPGRADED, () -> {
                        LabSite upgraded = lab.require(siteName);
                        if (siteName.equals("lab")) {
                            assertThat(upgraded.kolla().hostReleases().values()).as("kolla releases").containsOnly("2024.1");
                        } else {
                            assertThat(upgraded.juju().application("nova-compute").orElseThrow().channel()).as("nova-compute's channel").isEqualTo("2024.1/stable");
                        }
                        assertThat(upgraded.nova().hypervisors()).as("computes enabled and up").allMatch(h -> h.enabled() && h.up());
                    }));
        }

        String report = String.join("\n",
                "Default start, lab operations instant (dayshift.lab.time-factor=0), shipped job executor and check intervals; one run each, "
                        + "approvals and questions answered at once (looked for every " + LOOK.toMillis() + " ms); patience " + PATIENCE.toMinutes() + " min",
                "runbook | wall time to success end | run's duration (history) | waiting for a person | jobs executed (failed) | activity instances | runs",
                String.join("\n", results.stream().map(Measured::line).toList()));
        System.out.println(report);
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/default-start.txt"), report + "\n");
        assertThat(results.stream().map(Measured::failure).filter(f -> f != null).toList()).as("runs that did not end as intended").isEmpty();
    }

    /**
     * Starts {@code processKey} as olga with {@code variables}, approves and answers until it ends or patience runs out,
     * and measures it; {@code siteChanged} checks the site afterwards.
     */
    private Measured measure(String name, String processKey, String variables, String successEnd, Runnable siteChanged) throws Exception {
        Instant began = Instant.now();
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/" + processKey + "/start", "{\"variables\":" + variables + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String runId = json(started).path("id").asText();
        Instant until = began.plus(PATIENCE);
        JsonNode run = json(olga.get("/engine-rest/history/process-instance/" + runId));
        while (run.path("endTime").isNull() || run.path("endTime").isMissingNode()) {
            if (Instant.now().isAfter(until)) {
                String where = where(runId);
                giveUp(runId);
                return new Measured(name + " | not ended after " + PATIENCE.toMinutes() + " min | - | " + costs(runId) + " | at " + where, null);
            }
            approve();
            answerDrainQuestions();
            Thread.sleep(LOOK.toMillis());
            run = json(olga.get("/engine-rest/history/process-instance/" + runId));
        }
        Duration wall = Duration.between(began, Instant.now());
        String failure = null;
        JsonNode end = json(olga.get("/engine-rest/history/activity-instance?processInstanceId=" + runId + "&activityId=" + successEnd));
        if (!run.path("state").asText().equals("COMPLETED") || end.size() != 1) {
            failure = name + ": ended " + run.path("state").asText() + " at " + run.path("endActivityId").asText() + ", not at " + successEnd;
        } else {
            try {
                siteChanged.run();
            } catch (AssertionError e) {
                failure = name + ": the site is not as intended: " + e.getMessage();
            }
        }
        String line = name + " | " + seconds(wall) + " | " + seconds(Duration.ofMillis(run.path("durationInMillis").asLong())) + " | " + costs(runId)
                + (failure == null ? "" : " | FAILED: " + failure);
        return new Measured(line, failure);
    }

    /** Deletes a run that has not ended, with the runs it called, so that it takes no share of the next run's jobs. */
    private void giveUp(String runId) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                runtime.deleteProcessInstanceIfExists(runId, "benchmark: not ended after " + PATIENCE.toMinutes() + " min", true, true, true, false);
                return;
            } catch (OptimisticLockingException busy) {
                if (attempt == 10) {
                    throw busy;
                }
                Thread.sleep(LOOK.toMillis()); // a job of the run committed meanwhile: once more
            }
        }
    }

    /** Anna approves every plan offered to the approvers, as soon as she sees it. */
    private void approve() {
        for (JsonNode task : json(anna.get("/engine-rest/task?candidateGroup=approvers"))) {
            if (!APPROVALS.contains(task.path("taskDefinitionKey").asText())) {
                continue;
            }
            String id = task.path("id").asText();
            anna.postJson("/engine-rest/task/" + id + "/claim", "{\"userId\":\"anna\"}");
            // a refusal (a job of the run changed it meanwhile) is tried again at the next look; one that stays shows where the run stands
            anna.postJson("/engine-rest/task/" + id + "/complete",
                    "{\"variables\":{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"benchmark, approved at once\"}}}");
        }
    }

    /** Olga's part in the drains, as in the end-to-end test: skip what Nova cannot move, finish with it on the host, upgrade anyway. */
    private void answerDrainQuestions() {
        for (JsonNode task : json(olga.get("/engine-rest/task?candidateGroup=ops-leads"))) {
            String key = task.path("taskDefinitionKey").asText();
            if (!DRAIN_QUESTIONS.contains(key)) {
                continue;
            }
            String id = task.path("id").asText();
            if (key.equals("Task_DecideOperation") && !olga.get("/engine-rest/task/" + id + "/variables/operationDescription").body().contains(" migration of ")) {
                continue; // a wait of the upgrade itself, not a drain's migration
            }
            String decision = switch (key) {
                case "Task_DecideOperation" -> "skip";
                case "Task_DecideHostNotEmpty" -> "finish";
                default -> "proceed";
            };
            olga.postJson("/engine-rest/task/" + id + "/claim", "{\"userId\":\"olga\"}");
            // a 500 "updated by another transaction concurrently": a job of the same run changed it meanwhile, answered at the next look
            olga.postJson("/engine-rest/task/" + id + "/complete", "{\"variables\":{\"decision\":{\"value\":\"" + decision
                    + "\"},\"note\":{\"value\":\"an instance in ERROR cannot move; it stays on the host for the upgrade\"}}}");
        }
    }

    /** Time waiting for a person, jobs executed (failed), activity instances and runs, over the run and every run it called. */
    private String costs(String runId) {
        List<HistoricProcessInstance> runs = history.createHistoricProcessInstanceQuery().rootProcessInstanceId(runId).list();
        long waitedMillis = 0;
        for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().rootProcessInstanceId(runId).list()) {
            Instant end = task.getEndTime() == null ? Instant.now() : task.getEndTime().toInstant();
            waitedMillis += Duration.between(task.getStartTime().toInstant(), end).toMillis();
        }
        long jobs = 0;
        long failed = 0;
        long activities = 0;
        for (HistoricProcessInstance each : runs) {
            jobs += history.createHistoricJobLogQuery().processInstanceId(each.getId()).successLog().count();
            failed += history.createHistoricJobLogQuery().processInstanceId(each.getId()).failureLog().count();
            activities += history.createHistoricActivityInstanceQuery().processInstanceId(each.getId()).count();
        }
        return seconds(Duration.ofMillis(waitedMillis)) + " | " + jobs + " (" + failed + ") | " + activities + " | " + runs.size();
    }

    /** Where a run that has not ended stands: its and its called runs' open activities, open tasks and incidents. */
    private String where(String runId) {
        List<String> open = new ArrayList<>();
        for (HistoricProcessInstance each : history.createHistoricProcessInstanceQuery().rootProcessInstanceId(runId).unfinished().list()) {
            open.add(each.getProcessDefinitionKey() + " " + runtime.getActiveActivityIds(each.getId()));
        }
        for (HistoricProcessInstance each : history.createHistoricProcessInstanceQuery().rootProcessInstanceId(runId).unfinished().list()) {
            runtime.createIncidentQuery().processInstanceId(each.getId()).list()
                    .forEach(i -> open.add("incident at " + i.getActivityId() + ": " + i.getIncidentMessage()));
        }
        return String.join("; ", open);
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
