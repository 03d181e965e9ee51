package io.dayshift.metrics;

import static io.dayshift.testing.EngineRest.awaitEnded;
import static io.dayshift.testing.EngineRest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.runbook.backup.BackupSite;
import io.dayshift.runbook.drain.DrainComputeNode;
import io.dayshift.runbook.drain.ReturnComputeNode;
import io.dayshift.runbook.healthcheck.SiteHealthCheck;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * Real runs on the lab, driven over REST as people would, and what an auditor's scrape of {@code /actuator/prometheus}
 * then shows: runs started and ended per runbook, site and outcome (a GREEN health check and a complete backup to their
 * success ends, a return refused for an unknown host, a drain whose plan an approver rejected, a run cancelled at its
 * incident), the incident by step, the approver's wait, the steps' durations and each site's health and backup age. The
 * Grafana dashboard and the example alert rules in {@code docker/} read only metrics this scrape has.
 */
@RunbookEndToEndTest(timeFactor = "0")
@AutoConfigureObservability
class MetricsEndToEndTest extends EndToEndFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** The scrape after the runs, taken once for the class (the service is the class's). */
    private static String afterRuns;

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("dayshift.backup.poll-interval", () -> "PT1S");
        // one try, then the incident
        registry.add("dayshift.retries.openstack", () -> "R1/PT1S");
    }

    @Test
    void runsOnTheLabShowOnTheScrapeByRunbookSiteAndOutcome() throws Exception {
        Scrape scrape = Scrape.parse(scrapeAfterRuns());

        // runs started and ended, with their runbook, site and outcome
        assertThat(scrape.value("dayshift_runs_started_total", Map.of("runbook", "site-health-check", "site", "lab"))).isEqualTo(1.0);
        assertThat(scrape.value("dayshift_runs_started_total", Map.of("runbook", "backup-site", "site", "lab"))).isEqualTo(1.0);
        assertThat(scrape.value("dayshift_runs_started_total", Map.of("runbook", "return-compute-node", "site", "lab"))).isEqualTo(2.0);
        assertThat(scrape.value("dayshift_runs_started_total", Map.of("runbook", "drain-compute-node", "site", "lab"))).isEqualTo(1.0);
        assertThat(scrape.value("dayshift_runs_ended_total", Map.of("runbook", "site-health-check", "site", "lab", "outcome", "success",
                "end_event", SiteHealthCheck.Elements.SITE_GREEN_END))).isEqualTo(1.0);
        assertThat(scrape.value("dayshift_runs_ended_total", Map.of("runbook", "backup-site", "site", "lab", "outcome", "success",
                "end_event", BackupSite.Elements.SITE_BACKED_UP_END))).isEqualTo(1.0);
        assertThat(scrape.value("dayshift_runs_ended_total", Map.of("runbook", "return-compute-node", "site", "lab", "outcome", "refused",
                "end_event", ReturnComputeNode.Elements.END_INPUT_REJECTED))).isEqualTo(1.0);
        assertThat(scrape.value("dayshift_runs_ended_total", Map.of("runbook", "drain-compute-node", "site", "lab", "outcome", "rejected",
                "end_event", DrainComputeNode.Elements.END_PLAN_REJECTED))).isEqualTo(1.0);
        assertThat(scrape.value("dayshift_runs_ended_total", Map.of("runbook", "return-compute-node", "site", "lab", "outcome", "cancelled",
                "end_event", "none"))).isEqualTo(1.0);
        // the parts a run calls (await-operation, smoke tests) are not runs of their own
        assertThat(scrape.find("dayshift_runs_started_total", Map.of()))
                .extracting(sample -> sample.labels().get("runbook")).containsOnly("site-health-check", "backup-site", "return-compute-node",
                        "drain-compute-node");

        // the incident, by runbook, site and step
        assertThat(scrape.value("dayshift_incidents_opened_total", Map.of("runbook", "return-compute-node", "site", "lab",
                "step", ReturnComputeNode.Elements.VALIDATE_INPUT))).isEqualTo(1.0);

        // the approver's wait for the drain's plan, by runbook and task
        assertThat(scrape.value("dayshift_decision_wait_seconds_count", Map.of("runbook", "drain-compute-node",
                "task", DrainComputeNode.Elements.APPROVE_PLAN))).isEqualTo(1.0);
        assertThat(scrape.value("dayshift_decision_wait_seconds_sum", Map.of("runbook", "drain-compute-node",
                "task", DrainComputeNode.Elements.APPROVE_PLAN))).isGreaterThan(0.0);

        // the steps behind their save points, each once per run that completed it, under the run's runbook
        assertThat(scrape.value("dayshift_step_duration_seconds_count", Map.of("runbook", "site-health-check",
                "step", SiteHealthCheck.Elements.CHECK_COMPUTE_SERVICES))).isEqualTo(1.0);
        assertThat(scrape.value("dayshift_step_duration_seconds_count", Map.of("runbook", "return-compute-node",
                "step", ReturnComputeNode.Elements.VALIDATE_INPUT))).isEqualTo(1.0); // the refused one; the failed try counts nothing
        assertThat(scrape.find("dayshift_step_duration_seconds_count", Map.of("runbook", "backup-site"))).hasSizeGreaterThan(3);

        // each configured site's last health-check verdict and backup age
        assertThat(scrape.value("dayshift_site_health", Map.of("site", "lab"))).isEqualTo(0.0);
        assertThat(scrape.value("dayshift_site_health", Map.of("site", "lab-charmed"))).isNaN();
        assertThat(scrape.value("dayshift_site_last_backup_age_seconds", Map.of("site", "lab"))).isBetween(0.0, 600.0);
        assertThat(scrape.value("dayshift_site_last_backup_age_seconds", Map.of("site", "lab-charmed"))).isInfinite();

        // and no label names a run, a task or anything a person typed
        for (Scrape.Sample sample : scrape.samples()) {
            if (sample.name().startsWith("dayshift_")) {
                assertThat(sample.labels().values()).as(sample.toString()).noneMatch(value -> RUN_ID.matcher(value).find())
                        .noneMatch(value -> value.contains("cn99") || value.contains("not this week"));
            }
        }
    }

    @Test
    void anApprovalThatWaitsShowsHowLongItHasWaited() throws Exception {
        Http olga = user("olga", Roles.OPS_LEADS);
        Http audrey = user("audrey", Roles.AUDITORS);
        String drain = start(olga, "drain-compute-node", "{\"site\":{\"value\":\"lab\"},\"host\":{\"value\":\"cn05\"},\"reason\":{\"value\":\"fan swap\"}}");
        JsonNode task = approval(olga, drain);
        Thread.sleep(WaitingDecisions.FRESH_FOR.toMillis() + 1100);

        Scrape scrape = Scrape.parse(scrape(audrey));
        assertThat(scrape.value("dayshift_decisions_oldest_waiting_seconds", Map.of("runbook", "drain-compute-node"))).isGreaterThan(1.0);
        assertThat(scrape.value("dayshift_decisions_oldest_waiting_seconds", Map.of("runbook", "backup-site"))).isZero();

        assertThat(olga.delete("/engine-rest/process-instance/" + drain).statusCode()).isEqualTo(204);
        assertThat(task.path("taskDefinitionKey").asText()).isEqualTo(DrainComputeNode.Elements.APPROVE_PLAN);
    }

    @Test
    void theMetricsAreForPeopleOfADayshiftGroup() {
        user("nobody-in-particular");
        assertThat(Http.anonymous(port).get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(Http.as(port, "nobody-in-particular", io.dayshift.testing.Users.PASSWORD).get("/actuator/prometheus").statusCode()).isEqualTo(403);
        assertThat(Http.as(port, "nobody-in-particular", io.dayshift.testing.Users.PASSWORD).get("/actuator/metrics").statusCode()).isEqualTo(403);
        for (String group : Roles.ALL) {
            String id = "member-of-" + group;
            user(id, group);
            assertThat(Http.as(port, id, io.dayshift.testing.Users.PASSWORD).get("/actuator/prometheus").statusCode()).as(group).isEqualTo(200);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardAndTheAlertRulesReadOnlyMetricsTheServiceExports() throws Exception {
        Set<String> exported = Scrape.parse(scrapeAfterRuns()).names();

        // every query of the Grafana dashboard
        JsonNode dashboard = JSON.readTree(Files.readString(Path.of("docker/grafana/dashboards/dayshift.json")));
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> queries.add(target.path("expr").asText())));
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        String datasource = provisionedDatasource();
        dashboard.path("panels").forEach(panel -> assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                .isEqualTo(datasource));

        // every rule of the example alerts, among them the four an on-call engineer needs
        Map<String, Object> alerts = new Yaml().load(Files.readString(Path.of("docker/prometheus/alerts.yml")));
        List<Map<String, Object>> rules = new ArrayList<>();
        ((List<Map<String, Object>>) alerts.get("groups")).forEach(group -> rules.addAll((List<Map<String, Object>>) group.get("rules")));
        assertThat(rules).extracting(rule -> rule.get("alert"))
                .contains("DayshiftBackupFailed", "DayshiftSiteRed", "DayshiftApprovalWaitingTooLong", "DayshiftIncidentOpen");
        for (Map<String, Object> rule : rules) {
            assertThat((Map<String, Object>) rule.get("labels")).as(rule.get("alert").toString()).containsKey("severity");
            assertThat((Map<String, Object>) rule.get("annotations")).as(rule.get("alert").toString()).containsKey("summary");
            queries.add(rule.get("expr").toString());
        }

        for (String query : queries) {
            Set<String> metrics = metricsIn(query);
            assertThat(metrics).as(query).isNotEmpty();
            assertThat(exported).as("the metrics of " + query).containsAll(metrics);
        }
        promtoolAcceptsTheRules();
    }

    /** The runs, once for the class, then an auditor's scrape. */
    private synchronized String scrapeAfterRuns() throws Exception {
        if (afterRuns != null) {
            return afterRuns;
        }
        Http olga = user("olga", Roles.OPS_LEADS);
        Http alice = user("alice", Roles.APPROVERS);
        Http audrey = user("audrey", Roles.AUDITORS);

        // a health check and a full backup of the kolla lab, to their success ends
        String check = start(olga, "site-health-check", "{\"site\":{\"value\":\"lab\"}}");
        assertThat(awaitEnded(olga, check, LIMIT).path("state").asText()).isEqualTo("COMPLETED");
        String backup = start(olga, "backup-site", "{\"site\":{\"value\":\"lab\"},\"scope\":{\"value\":\"full\"}}");
        assertThat(awaitEnded(olga, backup, LIMIT).path("state").asText()).isEqualTo("COMPLETED");

        // a return of a host the site does not have: refused by the runbook's input check
        String refused = start(olga, "return-compute-node", "{\"site\":{\"value\":\"lab\"},\"host\":{\"value\":\"cn99\"},\"reason\":{\"value\":\"back\"}}");
        assertThat(awaitEnded(olga, refused, LIMIT).path("state").asText()).isEqualTo("COMPLETED");

        // a drain whose plan an approver rejects
        String drain = start(olga, "drain-compute-node", "{\"site\":{\"value\":\"lab\"},\"host\":{\"value\":\"cn06\"},\"reason\":{\"value\":\"disk swap\"}}");
        JsonNode task = approval(alice, drain);
        Thread.sleep(50);
        String taskId = task.path("id").asText();
        assertThat(alice.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"alice\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> rejected = alice.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\":{\"approve\":{\"value\":false},\"approvalReason\":{\"value\":\"not this week\"}}}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(204);
        assertThat(awaitEnded(olga, drain, LIMIT).path("state").asText()).isEqualTo("COMPLETED");

        // a return whose site's compute API is down: an incident at its first step, then olga cancels the run
        LabFault down = lab.require("lab").injectFault(new LabFault("", FaultType.API_DOWN, "compute", "", 0));
        String stuck;
        try {
            stuck = start(olga, "return-compute-node", "{\"site\":{\"value\":\"lab\"},\"host\":{\"value\":\"cn05\"},\"reason\":{\"value\":\"back\"}}");
            waitFor(() -> JSON.readTree(olga.get("/engine-rest/incident?processInstanceId=" + stuck).body()), incidents -> incidents.size() == 1, LIMIT);
        } finally {
            lab.require("lab").removeFault(down.id());
        }
        assertThat(olga.delete("/engine-rest/process-instance/" + stuck).statusCode()).isEqualTo(204);

        afterRuns = scrape(audrey);
        return afterRuns;
    }

    private String scrape(Http auditor) {
        HttpResponse<String> scrape = auditor.get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        return scrape.body();
    }

    private static String start(Http user, String runbook, String variables) throws Exception {
        HttpResponse<String> started = user.postJson("/engine-rest/process-definition/key/" + runbook + "/start", "{\"variables\":" + variables + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return JSON.readTree(started.body()).path("id").asText();
    }

    private static JsonNode approval(Http user, String run) throws Exception {
        return waitFor(() -> JSON.readTree(user.get("/engine-rest/task?processInstanceId=" + run).body()), tasks -> tasks.size() == 1, LIMIT).get(0);
    }

    /** The metric names a PromQL query reads: its identifiers that are not functions, keywords, labels or ranges. */
    static Set<String> metricsIn(String query) {
        String bare = query.replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", " ") // groupings
                .replaceAll("\\[[^]]*]", " "); // ranges
        Set<String> metrics = new TreeSet<>();
        Matcher identifier = Pattern.compile("\\b([a-zA-Z_][a-zA-Z0-9_:]*)\\b(\\s*\\()?").matcher(bare);
        while (identifier.find()) {
            if (identifier.group(2) == null && !Set.of("and", "or", "unless", "bool", "offset").contains(identifier.group(1))) {
                metrics.add(identifier.group(1));
            }
        }
        return metrics;
    }

    private static String provisionedDatasource() throws Exception {
        Map<String, Object> datasources = new Yaml().load(Files.readString(Path.of("docker/grafana/provisioning/datasources/prometheus.yml")));
        @SuppressWarnings("unchecked")
        Map<String, Object> prometheus = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
        return prometheus.get("uid").toString();
    }

    /** Prometheus's own check of the rules file, where its promtool is installed (Debian's package prometheus). */
    private static void promtoolAcceptsTheRules() throws Exception {
        File promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> new File(directory, "promtool")).filter(File::canExecute).findFirst().orElse(null);
        if (promtool == null) {
            System.out.println("promtool is not installed (apt-get install prometheus): the alert rules were checked as YAML only");
            return;
        }
        promtool(promtool, "check", "rules", "alerts.yml");
        // and each example alert fires on the series that should raise it (alerts.test.yml)
        promtool(promtool, "test", "rules", "alerts.test.yml");
    }

    private static void promtool(File promtool, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool.getPath()));
        command.addAll(List.of(arguments));
        Process run = new ProcessBuilder(command).directory(new File("docker/prometheus")).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).as(String.join(" ", arguments)).contains("SUCCESS");
    }
}
