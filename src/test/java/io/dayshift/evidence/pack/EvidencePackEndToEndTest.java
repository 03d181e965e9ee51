package io.dayshift.evidence.pack;

import static io.dayshift.testing.EngineRest.json;
import static io.dayshift.testing.EngineRest.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.golden.Golden;
import io.dayshift.runbook.restore.DrRestore;
import io.dayshift.runbook.sev1.Sev1Incident;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The evidence pack of one run of each runbook, run to its success end on the lab by the people of each role over REST
 * (the job executor on, the lab a hundred times faster, every wait looking each second): each pack read back as an auditor
 * over {@code GET /api/runs/{id}/evidence.json} matches {@code docs/evidence-pack.schema.json}, and its content, ids, times
 * and hashes normalised, matches the golden file {@code golden/evidence-pack/packs-of-each-runbook.plan.txt}
 * (regenerate with {@code -Dgolden.update=true}). Then the export of those runs: filters, zip, runs.csv, who gets what.
 */
@RunbookEndToEndTest(timeFactor = "0.01")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvidencePackEndToEndTest extends EndToEndFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(420);
    private static final String TOKEN = "pack-alertmanager-token-5e2d";
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "evidence-pack", "packs-of-each-runbook.yaml");
    private static final Set<String> OPERATOR_QUESTIONS = Set.of("Task_DecideOperation", "Task_DecideHostNotEmpty", "Task_DecideDrainFailure");
    /** The runs of the first test, by runbook, for the export tests after it (one service for the class). */
    private static final Map<String, String> RUNS = new LinkedHashMap<>();

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("camunda.bpm.job-execution.max-wait", () -> "500");
        for (String site : List.of("lab", "pack-health", "pack-backup", "pack-drain", "pack-add", "pack-upgrade", "pack-sev1")) {
            registry.add("dayshift.lab.sites." + site, () -> "lab/small-kolla.yaml");
        }
        for (String runbook : List.of("drain-compute-node", "add-compute-node", "rolling-upgrade", "dr-restore", "sev1-incident",
                "commission-machines")) {
            registry.add("dayshift.runbooks." + runbook + ".check-interval", () -> "PT1S");
        }
        registry.add("dayshift.backup.poll-interval", () -> "PT1S");
        registry.add("dayshift.alerts.token", () -> TOKEN);
        registry.add("dayshift.alerts.rules[0].alertnames", () -> "HypervisorDown");
        registry.add("dayshift.alerts.rules[0].severity", () -> "critical");
        registry.add("dayshift.alerts.rules[0].process", () -> Sev1Incident.PROCESS_KEY);
    }

    @Test
    @Order(1)
    void thePackOfARunOfEachRunbookHoldsWhatHappenedAndMatchesItsSchema() throws Exception {
        // given an ops lead, a second ops lead, an approver and an auditor
        Http admin = admin();
        Http olga = newUser(admin, port, "olga", "ops-leads");
        Http oscar = newUser(admin, port, "oscar", "ops-leads");
        Http alice = newUser(admin, port, "alice", "approvers");
        Http audrey = newUser(admin, port, "audrey", "auditors");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

        // when olga starts a run of each runbook (each on a site of its own), an alert opens a Sev-1 on a host taken down
        RUNS.put("site-health-check", start(olga, "site-health-check", "{\"site\":{\"value\":\"pack-health\"}}"));
        RUNS.put("backup-site", start(olga, "backup-site", "{\"site\":{\"value\":\"pack-backup\"},\"scope\":{\"value\":\"full\"}}"));
        RUNS.put("drain-compute-node", start(olga, "drain-compute-node",
                "{\"site\":{\"value\":\"pack-drain\"},\"host\":{\"value\":\"cn01\"},\"reason\":{\"value\":\"firmware update, OPS-4711\"}}"));
        RUNS.put("add-compute-node", start(olga, "add-compute-node",
                "{\"site\":{\"value\":\"pack-add\"},\"machine\":{\"value\":\"spare01\"},\"availabilityZone\":{\"value\":\"az1\"}}"));
        RUNS.put("rolling-upgrade", start(olga, "rolling-upgrade", "{\"site\":{\"value\":\"pack-upgrade\"},\"targetRelease\":{\"value\":\"2024.1\"},"
                + "\"batchSize\":{\"value\":1,\"type\":\"Long\"},\"windowStart\":{\"value\":\"" + now.minusMinutes(1) + "\"},"
                + "\"windowEnd\":{\"value\":\"" + now.plusHours(4) + "\"},\"canaryHost\":{\"value\":\"cn06\"}}"));
        RUNS.put("commission-machines", start(olga, "commission-machines", "{\"site\":{\"value\":\"lab\"},\"machines\":{\"value\":\"new01,spare02\"},"
                + "\"tags\":{\"value\":\"openstack-compute\"},\"testingScripts\":{\"value\":\"\"}}"));
        assertThat(admin.postJson("/api/lab/sites/pack-sev1/faults", "{\"type\":\"hypervisor-down\",\"target\":\"cn03\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> alerted = Http.bearer(port, TOKEN).postJson("/api/alerts/alertmanager", alert("firing"));
        assertThat(alerted.statusCode()).as(alerted.body()).isEqualTo(200);
        RUNS.put("sev1-incident", JSON.readTree(alerted.body()).path("outcomes").get(0).path("processInstanceId").asText());

        // and the people answer what each run asks, until every run has ended; a restore follows the backup, a return the drain
        Instant until = Instant.now().plus(PATIENCE);
        while (!allEnded(olga)) {
            assertThat(Instant.now()).as("runs still going: %s", open(olga)).isBefore(until);
            answer(olga, oscar, alice);
            if (!RUNS.containsKey("dr-restore") && ended(olga, RUNS.get("backup-site"))) {
                String backup = variable(olga, RUNS.get("backup-site"), "backupId");
                RUNS.put("dr-restore", start(olga, "dr-restore", "{\"site\":{\"value\":\"pack-backup\"},\"backupId\":{\"value\":\"" + backup + "\"},"
                        + "\"scope\":{\"value\":\"full\"}}"));
            }
            if (!RUNS.containsKey("return-compute-node") && ended(olga, RUNS.get("drain-compute-node"))) {
                RUNS.put("return-compute-node", start(olga, "return-compute-node",
                        "{\"site\":{\"value\":\"pack-drain\"},\"host\":{\"value\":\"cn01\"},\"reason\":{\"value\":\"firmware updated\"}}"));
            }
            Thread.sleep(300);
        }

        // then each run's pack, as the auditor reads it, matches the schema, is intact, and holds what the run did
        PackSchema schema = PackSchema.load();
        StringBuilder golden = new StringBuilder();
        for (Map.Entry<String, String> run : new java.util.TreeMap<>(RUNS).entrySet()) {
            HttpResponse<String> answer = audrey.get("/api/runs/" + run.getValue() + "/evidence.json");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode pack = JSON.readTree(answer.body());
            assertThat(schema.problems(pack)).as("the pack of %s against %s", run.getKey(), PackSchema.FILE).isEmpty();
            assertThat(pack.at("/verification/intact").asBoolean()).as("chain of %s", run.getKey()).isTrue();
            assertThat(pack.at("/state").asText()).as("state of %s", run.getKey()).isEqualTo("COMPLETED");
            golden.append(PackOutline.of(pack)).append('\n');
        }
        Golden.verify(GOLDEN, golden.toString(), EvidencePackEndToEndTest.class);
    }

    @Test
    @Order(2)
    void theExportHoldsThePackOfEachRunTheCallerMayReadWithItsLineInRunsCsv() throws Exception {
        Http audrey = Http.as(port, "audrey", "audrey-s3cret-pass");
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        // when the auditor exports today's runs of the drain's site
        HttpResponse<byte[]> zip = audrey.getBytes("/api/evidence/export?from=" + today + "&to=" + today + "&site=pack-drain");

        // then the zip holds the drain's and the return's packs, JSON and page, and runs.csv with their two lines
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(zip.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment")
                .contains("dayshift-evidence-" + today + "-to-" + today + ".zip"));
        Map<String, String> files = unzip(zip.body());
        String drain = RUNS.get("drain-compute-node");
        String back = RUNS.get("return-compute-node");
        assertThat(files.keySet()).containsExactlyInAnyOrder(drain + ".json", drain + ".html", back + ".json", back + ".html", "runs.csv");
        assertThat(JSON.readTree(files.get(drain + ".json")).at("/runbook/key").asText()).isEqualTo("drain-compute-node");
        assertThat(PackSchema.load().problems(JSON.readTree(files.get(back + ".json")))).isEmpty();
        assertThat(files.get(drain + ".html")).startsWith("<!DOCTYPE html>").contains("drain-compute-node on pack-drain").doesNotContain("<script");
        List<String> csv = files.get("runs.csv").lines().toList();
        assertThat(csv.get(0)).isEqualTo(String.join(",", RunsCsv.COLUMNS));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith(drain + ",drain-compute-node,1,pack-drain,olga,person,").contains(",EndEvent_HostDrained,").endsWith(",true");
        assertThat(csv.get(2)).startsWith(back + ",return-compute-node,");

        // and a filter by runbook over the whole lab gives that runbook's run only
        Map<String, String> upgrades = unzip(audrey.getBytes("/api/evidence/export?runbook=rolling-upgrade").body());
        assertThat(upgrades.keySet()).contains(RUNS.get("rolling-upgrade") + ".json").noneMatch(f -> f.startsWith(drain));
        assertThat(upgrades.get("runs.csv").lines()).hasSize(2);
        // and a range before the runs gives an empty export with its header only
        Map<String, String> none = unzip(audrey.getBytes("/api/evidence/export?from=2020-01-01&to=2020-12-31").body());
        assertThat(none.keySet()).containsExactly("runs.csv");
    }

    @Test
    @Order(3)
    void theExportRefusesABadParameterNamingItAndGivesAUserWithoutRightsNothing() throws Exception {
        Http audrey = Http.as(port, "audrey", "audrey-s3cret-pass");
        Map<String, String> refused = Map.of(
                "/api/evidence/export?from=2025-01-01&to=2026-06-30", "to",
                "/api/evidence/export?from=31.01.2026", "from",
                "/api/evidence/export?from=2026-02-01&to=2026-01-01", "from",
                "/api/evidence/export?site=atlantis", "site",
                "/api/evidence/export?runbook=drop-tables", "runbook",
                "/api/evidence/export?sites=pack-drain", "sites",
                "/api/evidence/export?site=pack-drain&site=pack-add", "site");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            HttpResponse<String> answer = audrey.get(bad.getKey());
            assertThat(answer.statusCode()).as(bad.getKey()).isEqualTo(400);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.path("parameter").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
            assertThat(body.path("error").asText()).as(bad.getKey()).startsWith(bad.getValue().equals("sites") ? "unknown parameter 'sites'" : bad.getValue() + ":");
        }
        // a user without rights to read runs gets an export without any run, and no run's pack
        io.dayshift.testing.Users.ensure(identity, "nora");
        Http nora = Http.as(port, "nora", io.dayshift.testing.Users.PASSWORD);
        assertThat(unzip(nora.getBytes("/api/evidence/export").body()).keySet()).containsExactly("runs.csv");
        assertThat(nora.get("/api/runs/" + RUNS.get("drain-compute-node") + "/evidence.json").statusCode()).isEqualTo(404);
        assertThat(nora.get("/api/runs/" + RUNS.get("drain-compute-node") + "/evidence.html").statusCode()).isEqualTo(404);
        assertThat(Http.anonymous(port).get("/api/evidence/export").statusCode()).isEqualTo(401);
    }

    // ------------------------------------------------------------------------------------------------------------ helpers

    private static String start(Http user, String runbook, String variables) throws IOException {
        HttpResponse<String> started = user.postJson("/engine-rest/process-definition/key/" + runbook + "/start", "{\"variables\":" + variables + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return JSON.readTree(started.body()).path("id").asText();
    }

    /** The people's part: approvers approve, ops leads answer the operator questions and each runbook's own tasks. */
    private void answer(Http olga, Http oscar, Http alice) throws Exception {
        for (JsonNode task : json(alice.get("/engine-rest/task?candidateGroup=approvers"))) {
            complete(alice, "alice", task, "{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"evidence pack check\"}}");
        }
        for (JsonNode task : json(olga.get("/engine-rest/task?candidateGroup=ops-leads"))) {
            String key = task.path("taskDefinitionKey").asText();
            String variables = switch (key) {
                case DrRestore.Elements.CONFIRM_INFRASTRUCTURE -> "{\"decision\":{\"value\":\"ready\"},\"note\":{\"value\":\"controllers up\"}}";
                case Sev1Incident.Elements.UPDATE_STATUS_PAGE -> "{\"statusPageNote\":{\"value\":\"Investigating cn03\"}}";
                case Sev1Incident.Elements.CHOOSE_MITIGATION ->
                        "{\"action\":{\"value\":\"evacuate-host\"},\"target\":{\"value\":\"cn03\"},\"note\":{\"value\":\"cn03 dead\"}}";
                case Sev1Incident.Elements.WRITE_POST_MORTEM -> {
                    Http.bearer(port, TOKEN).postJson("/api/alerts/alertmanager", alert("resolved"));
                    yield "{\"rootCause\":{\"value\":\"PSU failure\"},\"followUps\":{\"value\":\"replace the PSU\"}}";
                }
                case "Task_DecideOperation" -> olga.get("/engine-rest/task/" + task.path("id").asText() + "/variables/operationDescription").body()
                        .contains(" migration of ") ? "{\"decision\":{\"value\":\"skip\"},\"note\":{\"value\":\"cannot move\"}}"
                        : "{\"decision\":{\"value\":\"wait\"},\"note\":{\"value\":\"only its deadline passed\"}}";
                case "Task_DecideHostNotEmpty" -> "{\"decision\":{\"value\":\"finish\"},\"note\":{\"value\":\"stays\"}}";
                default -> OPERATOR_QUESTIONS.contains(key) ? "{\"decision\":{\"value\":\"proceed\"},\"note\":{\"value\":\"go on\"}}" : null;
            };
            if (variables != null) {
                complete(key.equals(Sev1Incident.Elements.CHOOSE_MITIGATION) ? oscar : olga,
                        key.equals(Sev1Incident.Elements.CHOOSE_MITIGATION) ? "oscar" : "olga", task, variables);
            }
        }
    }

    private static void complete(Http user, String id, JsonNode task, String variables) {
        String taskId = task.path("id").asText();
        user.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"" + id + "\"}");
        user.postJson("/engine-rest/task/" + taskId + "/complete", "{\"variables\":" + variables + "}");
    }

    private boolean allEnded(Http user) throws Exception {
        return RUNS.size() == 9 && open(user).isEmpty();
    }

    private List<String> open(Http user) throws Exception {
        List<String> open = new ArrayList<>();
        for (Map.Entry<String, String> run : RUNS.entrySet()) {
            if (!ended(user, run.getValue())) {
                open.add(run.getKey() + " " + user.get("/engine-rest/history/activity-instance?unfinished=true&processInstanceId=" + run.getValue()).body());
            }
        }
        return open;
    }

    private static boolean ended(Http user, String run) throws Exception {
        JsonNode instance = JSON.readTree(user.get("/engine-rest/history/process-instance/" + run).body());
        return !instance.path("endTime").isNull() && !instance.path("endTime").isMissingNode();
    }

    private static String variable(Http user, String run, String name) throws Exception {
        return JSON.readTree(user.get("/engine-rest/history/variable-instance?processInstanceId=" + run + "&variableName=" + name).body())
                .get(0).path("value").asText();
    }

    private static String alert(String status) {
        return """
                {"version": "4", "groupKey": "{}:{alertname=\\"HypervisorDown\\"}", "truncatedAlerts": 0, "status": "%s", "receiver": "dayshift",
                 "groupLabels": {"alertname": "HypervisorDown"}, "commonLabels": {}, "commonAnnotations": {},
                 "externalURL": "http://alertmanager.example.org:9093", "alerts": [
                 {"status": "%s", "labels": {"alertname": "HypervisorDown", "severity": "critical", "site": "pack-sev1", "instance": "cn03"},
                  "annotations": {"summary": "Hypervisor cn03 is down"}, "startsAt": "2026-11-21T09:59:30Z", "endsAt": "%s",
                  "generatorURL": "http://prometheus.example.org:9090/graph", "fingerprint": "5e2dfa11c0de"}]}
                """.formatted(status, status, status.equals("resolved") ? "2026-11-21T10:20:00Z" : "0001-01-01T00:00:00Z");
    }

    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

}
