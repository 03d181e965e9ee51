package io.dayshift.runbook.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.LabSite;
import io.dayshift.testing.Http;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.ServiceTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service with the built-in lab and the job executor running, driven only over REST: an ops lead starts
 * {@code dr-restore} from a backup of the catalogue, confirms the replacement infrastructure, an approver approves the
 * restore in the task list, and the run restores and verifies the site by itself, on the Kolla site and on the charmed one.
 * Lab operations take a hundredth of their time and the waits look every second. The backup sets are recorded in the real
 * catalogue, with artefacts the lab holds, as a backup-site run would have left them.
 */
@ServiceTest
class DrRestoreEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(DrRestoreEndToEndTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = LabTests.tempDirectory("dr-restore-e2e-");
    private static final int PORT = LabTests.freePort();
    private static final Duration RUN_TIME_LIMIT = Duration.ofSeconds(180);
    private static final String NIGHTLY = "mysqlbackup-nightly.qp.xbc.xbs.gz";

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("dayshift.lab.enabled", () -> "true");
        registry.add("dayshift.lab.directory", DIR::toString);
        registry.add("dayshift.lab.time-factor", () -> "0.01");
        registry.add("dayshift.runbooks.dr-restore.check-interval", () -> "PT1S");
        registry.add("camunda.bpm.job-execution.enabled", () -> "true");
        registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "200");
        registry.add("camunda.bpm.job-execution.max-wait", () -> "1000");
    }

    @Autowired
    LabSites lab;
    @Autowired
    BackupCatalogue catalogue;

    private static Http olga;
    private static Http alice;

    @BeforeEach
    void users() {
        if (olga == null) {
            Http admin = Http.as(PORT, "admin", "test-admin-password");
            olga = user(admin, "olga", "ops-leads");
            alice = user(admin, "alice", "approvers");
        }
    }

    @Test
    void anOpsLeadRestoresTheDatabasesOfTheKollaSiteFromLastNightsBackup() throws Exception {
        // given last night's mariabackup of cc01 in the catalogue
        LabSite site = lab.require("lab");
        Map<String, Long> rows = site.tableRowsAt("volume:mariadb_backup/" + NIGHTLY).orElseThrow();
        String backup = record("lab", "kolla", new Artefact(ArtefactKind.MARIADB_FULL, "cc01", "/var/lib/docker/volumes/mariadb_backup/_data/" + NIGHTLY,
                157286400, "cd".repeat(32), Instant.now().minus(Duration.ofHours(7)), true, rows));

        // when the restore runs end to end
        String id = restore("lab", backup, "database");

        // then the databases are the backup's, the site verified, and the run says how long it took
        assertThat(variable(id, "verified").path("value").asBoolean()).isTrue();
        assertThat(variable(id, "summary").path("value").asText()).startsWith("Site lab restored (database) from backup " + backup)
                .contains("and verified").contains("the 4 h objective was met").contains("approved by alice");
        assertThat(stepIds(id)).containsSubsequence(DrRestoreIds.VALIDATE_INPUT, DrRestoreIds.STOP_SERVICES, DrRestoreIds.RESTORE_DATABASES,
                DrRestoreIds.RECOVER_DATABASE_CLUSTER, DrRestoreIds.VERIFY_DATABASE_RESTORE, DrRestoreIds.REDEPLOY_CONTROLLERS,
                DrRestoreIds.RESYNC_COMPUTES, DrRestoreIds.DISCOVER_COMPUTE_HOSTS, DrRestoreIds.VERIFY_SERVICES, DrRestoreIds.SUMMARISE_RESTORE);
        assertThat(site.destructiveActions()).containsEntry("mariadb-restore", 1L).containsEntry("kolla-mariadb-recovery", 1L);
        assertThat(site.keyTableRows()).isEqualTo(rows);
    }

    @Test
    void anOpsLeadRestoresTheCharmedSiteFromItsDump() throws Exception {
        LabSite site = lab.require("lab-charmed");
        String dumped = site.runAction("mysql-innodb-cluster/0", "mysqldump", Map.of()).results().get("mysqldump-file");
        String file = "/var/backups/dayshift/lab-charmed-e2e/mysqldump.gz"; // where backup-site copies it on the Juju client host
        site.copyFile(dumped, file);
        Map<String, Long> rows = site.tableRowsAt(dumped).orElseThrow();
        String backup = record("lab-charmed", "charmed", new Artefact(ArtefactKind.MYSQL_DUMP, "127.0.0.1", file, 48213504, "ef".repeat(32),
                Instant.now().minus(Duration.ofHours(2)), true, rows));

        String id = restore("lab-charmed", backup, "database");

        assertThat(variable(id, "verified").path("value").asBoolean()).isTrue();
        assertThat(variable(id, "summary").path("value").asText()).startsWith("Site lab-charmed restored (database)")
                .contains("Row counts: ").contains("nova.instances: backup");
        assertThat(site.keyTableRows()).isEqualTo(rows);
        assertThat(site.destructiveActions()).containsEntry("juju-action-restore-mysqldump", 1L);
    }

    /** olga starts the run and confirms the infrastructure, alice approves; returns the run's id once it has completed. */
    private String restore(String site, String backup, String scope) throws Exception {
        Instant began = Instant.now();
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/dr-restore/start", """
                {"variables": {"site": {"value": "%s"}, "backupId": {"value": "%s"}, "scope": {"value": "%s"}}}""".formatted(site, backup, scope));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();

        JsonNode confirm = waitForTask(olga, id, "ops-leads", DrRestoreIds.CONFIRM_INFRASTRUCTURE);
        JsonNode plan = JSON.readTree(olga.get("/engine-rest/task/" + confirm.path("id").asText() + "/form-variables?variableNames=restorePlan").body());
        assertThat(plan.path("restorePlan").path("value").asText()).contains("from backup " + backup);
        complete(olga, "olga", confirm, "{\"decision\":{\"value\":\"ready\"},\"note\":{\"value\":\"replacement controllers up\"}}");

        JsonNode approval = waitForTask(alice, id, "approvers", DrRestoreIds.APPROVE_RESTORE);
        HttpResponse<String> own = olga.postJson("/engine-rest/task/" + approval.path("id").asText() + "/claim", "{\"userId\":\"olga\"}");
        assertThat(own.statusCode()).as("the initiator cannot claim the approval").isEqualTo(403);
        complete(alice, "alice", approval, "{\"approved\":{\"value\":true},\"reason\":{\"value\":\"DR drill agreed\"}}");

        JsonNode run = waitUntilFinished(id);
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(JSON.readTree(olga.get("/engine-rest/history/activity-instance?processInstanceId=" + id + "&activityId="
                + DrRestoreIds.END_SITE_RESTORED).body())).hasSize(1);
        log.info("dr-restore e2e on {} ({}): {} ms wall time, achieved RTO {} min", site, scope, Duration.between(began, Instant.now()).toMillis(),
                variable(id, "achievedRtoMinutes").path("value").asLong());
        return id;
    }

    private String record(String site, String flavour, Artefact artefact) {
        Instant startedAt = Instant.now().minus(Duration.ofHours(8));
        String id = BackupSet.idFor(site, startedAt);
        catalogue.record(new BackupSet(id, site, flavour, "databases", "backup-run-" + id, startedAt, startedAt.plusSeconds(900), List.of(artefact),
                List.of()));
        return id;
    }

    private static Http user(Http admin, String id, String group) {
        assertThat(admin.postJson("/engine-rest/user/create", "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"" + id
                + "\",\"lastName\":\"Tester\"},\"credentials\":{\"password\":\"" + id + "-s3cret-pass\"}}").statusCode()).isEqualTo(204);
        assertThat(admin.putJson("/engine-rest/group/" + group + "/members/" + id, "").statusCode()).isEqualTo(204);
        return Http.as(PORT, id, id + "-s3cret-pass");
    }

    private static void complete(Http user, String name, JsonNode task, String variables) {
        String taskId = task.path("id").asText();
        assertThat(user.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"" + name + "\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> done = user.postJson("/engine-rest/task/" + taskId + "/complete", "{\"variables\":" + variables + "}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    private static JsonNode waitForTask(Http user, String id, String group, String key) throws Exception {
        Instant limit = Instant.now().plus(RUN_TIME_LIMIT);
        while (Instant.now().isBefore(limit)) {
            JsonNode found = JSON.readTree(user.get("/engine-rest/task?processInstanceId=" + id + "&candidateGroup=" + group + "&taskDefinitionKey=" + key).body());
            if (found.size() == 1) {
                return found.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no task " + key + " for run " + id + " within " + RUN_TIME_LIMIT);
    }

    private static JsonNode waitUntilFinished(String id) throws Exception {
        Instant limit = Instant.now().plus(RUN_TIME_LIMIT);
        JsonNode run = JSON.readTree(olga.get("/engine-rest/history/process-instance/" + id).body());
        while (!run.path("state").asText().equals("COMPLETED") && Instant.now().isBefore(limit)) {
            assertThat(run.path("state").asText()).as("the run of %s", id).isIn("ACTIVE", "COMPLETED");
            assertThat(JSON.readTree(olga.get("/engine-rest/incident?processInstanceId=" + id).body())).as("incidents of the run").isEmpty();
            Thread.sleep(250);
            run = JSON.readTree(olga.get("/engine-rest/history/process-instance/" + id).body());
        }
        return run;
    }

    private static JsonNode variable(String id, String name) throws Exception {
        JsonNode found = JSON.readTree(olga.get("/engine-rest/history/variable-instance?processInstanceId=" + id + "&variableName=" + name
                + "&deserializeValues=false").body());
        assertThat(found).as(name).hasSize(1);
        return found.get(0);
    }

    private static List<String> stepIds(String id) throws Exception {
        JsonNode steps = JSON.readTree(variable(id, "steps").path("value").asText()).path("steps");
        List<String> ids = new ArrayList<>();
        steps.forEach(step -> ids.add(step.path("step").asText()));
        return ids;
    }
}
