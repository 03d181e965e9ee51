package io.dayshift.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.testing.EngineRest;
import io.dayshift.testing.Http;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.PostgresService;
import io.dayshift.testing.RunningLabProcess;
import io.dayshift.testing.RunningServiceNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One scenario's world: the lab as a process of its own with fresh sites, a PostgreSQL, and service nodes in JVMs of
 * their own that import the lab's sites the production way. The suite acts as people do, over REST: an ops lead
 * ({@value #OPS_LEAD}) starts runs and answers the operator's questions, another person, an approver
 * ({@value #APPROVER}), decides the approvals.
 */
final class Drill implements AutoCloseable {

    static final String OPS_LEAD = "olga";
    static final String APPROVER = "anna";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The engine REST API's date format. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    /** The operator questions of a drain, and what an ops lead answers when more than "keep waiting" is needed (as the runbook e2e tests). */
    private static final Set<String> QUESTIONS = Set.of("Task_DecideOperation", "Task_DecideHostNotEmpty", "Task_DecideDrainFailure");

    /**
     * The lab's settings for every scenario: operations in real time at a quarter of their default durations, and database
     * dumps long enough (10 s) that a kill lands inside a blocking step too.
     */
    static final List<String> LAB_SETTINGS = List.of("--dayshift.lab.time-factor=0.25", "--dayshift.lab.durations.database-dump=40s");
    /** The runbooks' own settings: look at running operations every second. */
    static final List<String> RUNBOOK_SETTINGS = List.of(
            "--dayshift.runbooks.drain-compute-node.check-interval=PT1S",
            "--dayshift.runbooks.add-compute-node.check-interval=PT1S",
            "--dayshift.runbooks.rolling-upgrade.check-interval=PT1S",
            "--dayshift.backup.poll-interval=PT1S");

    final Path directory;
    final RunningLabProcess lab;
    final List<String> sites;
    final List<RunningServiceNode> nodes = new ArrayList<>();
    final List<String> decisions = new CopyOnWriteArrayList<>();
    private final PostgresService database;
    private final Http labAdmin;

    private Drill(Path directory, RunningLabProcess lab, List<String> sites, PostgresService database) throws IOException {
        this.directory = directory;
        this.lab = lab;
        this.sites = sites;
        this.database = database;
        String[] administrator = lab.administrator();
        this.labAdmin = Http.as(lab.port(), administrator[0], administrator[1]);
    }

    /** The lab with the given sites ({@code name=topology,…}), nothing else yet. */
    static Drill start(String name, String labSites, PostgresService database) throws IOException, InterruptedException {
        Path directory = LabTests.tempDirectory("reliability-" + name + "-");
        RunningLabProcess lab = RunningLabProcess.start(directory, labSites, LAB_SETTINGS.toArray(String[]::new));
        List<String> sites = new ArrayList<>();
        for (String site : labSites.split(",")) {
            sites.add(site.substring(0, site.indexOf('=')));
        }
        return new Drill(directory, lab, sites, database);
    }

    /** A node on the database with its own identity and the lab's sites imported; {@code settings} add to or override the suite's. */
    RunningServiceNode node(String id, String... settings) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(database.nodeArguments());
        arguments.add(RunningServiceNode.importing(sites.stream().map(lab::settings).toList()));
        arguments.addAll(RUNBOOK_SETTINGS);
        arguments.addAll(List.of(settings));
        RunningServiceNode node = RunningServiceNode.start(directory, id, arguments);
        nodes.add(node);
        return node;
    }

    /** The ops lead and the approver, created by the administrator (once: the nodes share the database). */
    void people(RunningServiceNode node) {
        EngineRest.newUser(node.admin(), node.port(), OPS_LEAD, "ops-leads");
        EngineRest.newUser(node.admin(), node.port(), APPROVER, "approvers");
    }

    static Http as(RunningServiceNode node, String user) {
        return Http.as(node.port(), user, user + "-s3cret-pass");
    }

    /** The ops lead starts {@code runbook} on {@code site} through {@code node}; the run's id. */
    String startRun(RunningServiceNode node, Runbook runbook, String site) {
        HttpResponse<String> started = as(node, OPS_LEAD).postJson("/engine-rest/process-definition/key/" + runbook.key() + "/start", runbook.startBody(site));
        if (started.statusCode() != 200) {
            throw new AssertionError(runbook.key() + " on " + site + " did not start: " + started.statusCode() + " " + started.body());
        }
        return json(started.body()).path("id").asText();
    }

    /**
     * The people's part, once, through whichever node answers: the approver approves every approval offered to
     * {@code approvers}; the ops lead answers the drains' questions — keep waiting when only a deadline passed, else as the
     * runbook's end-to-end test does (skip an instance Nova cannot move, finish with it on the host, go on). A node that
     * is down, or a task a job changed meanwhile, is simply tried again at the next look.
     */
    void answerTasks() {
        for (RunningServiceNode node : nodes) {
            if (!node.alive()) {
                continue;
            }
            try {
                approve(as(node, APPROVER));
                answerQuestions(as(node, OPS_LEAD));
                return;
            } catch (RuntimeException nodeOrDatabaseDown) {
                // tried again at the next look
            }
        }
    }

    private void approve(Http approver) {
        for (JsonNode task : json(ok(approver.get("/engine-rest/task?candidateGroup=approvers")))) {
            String id = task.path("id").asText();
            approver.postJson("/engine-rest/task/" + id + "/claim", "{\"userId\":\"" + APPROVER + "\"}");
            HttpResponse<String> done = approver.postJson("/engine-rest/task/" + id + "/complete",
                    "{\"variables\":{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"reliability drill\"}}}");
            if (done.statusCode() == 204) {
                decisions.add(Instant.now() + " " + APPROVER + " approved " + task.path("taskDefinitionKey").asText() + " of " + task.path("processInstanceId").asText());
            }
        }
    }

    private void answerQuestions(Http opsLead) {
        for (JsonNode task : json(ok(opsLead.get("/engine-rest/task?candidateGroup=ops-leads")))) {
            String key = task.path("taskDefinitionKey").asText();
            String id = task.path("id").asText();
            opsLead.postJson("/engine-rest/task/" + id + "/claim", "{\"userId\":\"" + OPS_LEAD + "\"}");
            List<String> choices = new ArrayList<>(List.of("wait"));
            if (QUESTIONS.contains(key)) {
                choices.add(switch (key) {
                    case "Task_DecideOperation" -> "skip";
                    case "Task_DecideHostNotEmpty" -> "finish";
                    default -> "proceed";
                });
            }
            for (String decision : choices) {
                HttpResponse<String> done = opsLead.postJson("/engine-rest/task/" + id + "/complete", "{\"variables\":{\"decision\":{\"value\":\"" + decision
                        + "\"},\"note\":{\"value\":\"reliability drill: an instance in ERROR stays, a passed deadline waits again\"}}}");
                if (done.statusCode() == 204) {
                    decisions.add(Instant.now() + " " + OPS_LEAD + " answered " + key + " of " + task.path("processInstanceId").asText() + ": " + decision);
                    break;
                }
            }
        }
    }

    /** A run as history shows it through any node that answers; null while none does. */
    JsonNode historicRun(String runId) {
        for (RunningServiceNode node : nodes) {
            if (!node.alive()) {
                continue;
            }
            try {
                HttpResponse<String> run = as(node, OPS_LEAD).get("/engine-rest/history/process-instance/" + runId);
                if (run.statusCode() == 200) {
                    return json(run.body());
                }
            } catch (RuntimeException down) {
                // the next node, or the next look
            }
        }
        return null;
    }

    static boolean ended(JsonNode run) {
        return run != null && !run.path("endTime").isNull() && !run.path("endTime").isMissingNode();
    }

    /**
     * Answers the people's tasks and looks at the runs until every one has ended or {@code limit} has passed; the instant
     * each run was first seen ended, by run id.
     */
    Map<String, Instant> awaitEnded(List<String> runIds, Duration limit) throws InterruptedException {
        Map<String, Instant> endedAt = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(limit);
        while (endedAt.size() < runIds.size() && Instant.now().isBefore(deadline)) {
            answerTasks();
            for (String id : runIds) {
                if (!endedAt.containsKey(id) && ended(historicRun(id))) {
                    endedAt.put(id, Instant.now());
                }
            }
            Thread.sleep(500);
        }
        return endedAt;
    }

    /** Whether the run ended at {@code runbook}'s success end event, as the run's history shows. */
    boolean reachedSuccess(RunningServiceNode node, String runId, Runbook runbook) {
        JsonNode run = json(ok(as(node, OPS_LEAD).get("/engine-rest/history/process-instance/" + runId)));
        JsonNode end = json(ok(as(node, OPS_LEAD).get("/engine-rest/history/activity-instance?processInstanceId=" + runId + "&activityId=" + runbook.successEnd())));
        return run.path("state").asText().equals("COMPLETED") && end.size() == 1 && !end.get(0).path("endTime").isNull();
    }

    /** What a run that did not end is doing: its open activities, incidents and jobs, for a failure's message. */
    String describe(RunningServiceNode node, String runId) {
        Http admin = node.admin();
        return "run " + runId + ": activities " + admin.get("/engine-rest/history/activity-instance?unfinished=true&processInstanceId=" + runId).body()
                + "\nincidents " + admin.get("/engine-rest/incident").body()
                + "\njobs " + admin.get("/engine-rest/job?processInstanceId=" + runId).body()
                + "\ntasks " + admin.get("/engine-rest/task").body();
    }

    /** The run and the processes it called that have not ended, by id (empty when the node does not answer). */
    List<String> openParts(RunningServiceNode node, String rootRunId) {
        List<String> ids = new ArrayList<>();
        try {
            json(ok(node.admin().get("/engine-rest/history/process-instance?unfinished=true&rootProcessInstanceId=" + rootRunId)))
                    .forEach(part -> ids.add(part.path("id").asText()));
        } catch (RuntimeException down) {
            // none known
        }
        return ids;
    }

    /** The steps the run's open parts are in now, by element id (waits, tasks; not the scopes around them). */
    List<String> openActivities(RunningServiceNode node, List<String> parts) {
        List<String> open = new ArrayList<>();
        for (String part : parts) {
            try {
                for (JsonNode activity : json(ok(node.admin().get("/engine-rest/history/activity-instance?unfinished=true&processInstanceId=" + part)))) {
                    String type = activity.path("activityType").asText();
                    if (!type.equals("callActivity") && !type.equals("subProcess") && !type.equals("multiInstanceBody")) {
                        open.add(activity.path("activityId").asText());
                    }
                }
            } catch (RuntimeException down) {
                open.add("(unknown)");
            }
        }
        return open;
    }

    /**
     * Whether any of the parts that were open has finished a step, or ended, since {@code since}: the run has moved on. A run
     * that stopped (a kill, a database outage) goes on where it stopped, so its first step after that is in one of them.
     */
    boolean movedOn(RunningServiceNode node, List<String> parts, Instant since) {
        String after = URLEncoder.encode(STAMP.format(since), StandardCharsets.UTF_8);
        for (String part : parts) {
            try {
                if (json(ok(node.admin().get("/engine-rest/history/activity-instance/count?processInstanceId=" + part + "&finishedAfter=" + after)))
                        .path("count").asLong() > 0 || ended(json(ok(node.admin().get("/engine-rest/history/process-instance/" + part))))) {
                    return true;
                }
            } catch (RuntimeException down) {
                return false;
            }
        }
        return false;
    }

    /** Answers the people's tasks for {@code duration}, looking every half second. */
    void work(Duration duration) throws InterruptedException {
        Instant until = Instant.now().plus(duration);
        while (Instant.now().isBefore(until)) {
            answerTasks();
            Thread.sleep(Math.max(0, Math.min(500, Duration.between(Instant.now(), until).toMillis())));
        }
    }

    /** The lab's per-target counts of changing actions of every site, as its administrator reads them. */
    JsonNode counts() {
        return json(ok(labAdmin.get("/api/lab/counts")));
    }

    static HttpResponse<String> ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response;
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        for (RunningServiceNode node : nodes) {
            node.close();
        }
        lab.close();
    }
}
