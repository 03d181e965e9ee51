package io.dayshift.runbook.restore;

import static io.dayshift.testing.EngineRest.claimAndComplete;
import static io.dayshift.testing.EngineRest.historicVariable;
import static io.dayshift.testing.EngineRest.newUser;
import static io.dayshift.testing.EngineRest.stepIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.lab.model.LabSite;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import io.dayshift.testing.TaskForms;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
 * Lab operations take a hundredth of their time and the waits look every second. The backups are taken by backup-site
 * itself (both flavours, full scope), or recorded in the real catalogue with artefacts the lab holds, as a backup-site run
 * leaves them.
 */
@RunbookEndToEndTest(timeFactor = "0.01")
class DrRestoreEndToEndTest extends EndToEndFixture {

    private static final Logger log = LoggerFactory.getLogger(DrRestoreEndToEndTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_TIME_LIMIT = Duration.ofSeconds(180);
    private static final String NIGHTLY = "mysqlbackup-nightly.qp.xbc.xbs.gz";

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("dayshift.runbooks.dr-restore.check-interval", () -> "PT1S");
        registry.add("dayshift.backup.poll-interval", () -> "PT1S");
    }

    @Autowired
    BackupCatalogue catalogue;

    private static Http olga;
    private static Http alice;

    @BeforeEach
    void users() {
        if (olga == null) {
            Http admin = admin();
            olga = newUser(admin, port, "olga", "ops-leads");
            alice = newUser(admin, port, "alice", "approvers");
        }
    }

    @Test
    void anOpsLeadRestoresTheDatabasesOfTheKollaSiteFromLastNightsBackup() throws Exception {
        // given last night's mariabackup of cc01 in the catalogue
        LabSite site = lab.require("lab");
        Map<String, Long> rows = site.backup().tableRowsAt("volume:mariadb_backup/" + NIGHTLY).orElseThrow();
        String backup = record("lab", "kolla", new Artefact(ArtefactKind.MARIADB_FULL, "cc01", "/var/lib/docker/volumes/mariadb_backup/_data/" + NIGHTLY,
                157286400, "cd".repeat(32), Instant.now().minus(Duration.ofHours(7)), true, rows));

        Map<String, Long> before = site.destructiveActions();

        // when the restore runs end to end
        String id = restore("lab", backup, "database");

        // then the databases are the backup's, the site verified, and the run says how long it took
        assertThat(variable(id, "verified").path("value").asBoolean()).isTrue();
        assertThat(variable(id, "summary").path("value").asText()).startsWith("Site lab restored (database) from backup " + backup)
                .contains("and verified").contains("the 4 h objective was met").contains("approved by alice");
        assertThat(stepIds(olga, id)).containsSubsequence(DrRestore.Elements.VALIDATE_INPUT, DrRestore.Elements.STOP_SERVICES, DrRestore.Elements.RESTORE_DATABASES,
                DrRestore.Elements.RECOVER_DATABASE_CLUSTER, DrRestore.Elements.VERIFY_DATABASE_RESTORE, DrRestore.Elements.REDEPLOY_CONTROLLERS,
                DrRestore.Elements.RESYNC_COMPUTES, DrRestore.Elements.DISCOVER_COMPUTE_HOSTS, DrRestore.Elements.VERIFY_SERVICES, DrRestore.Elements.SUMMARISE_RESTORE);
        assertThat(delta(site, before, "mariadb-restore")).isEqualTo(1);
        assertThat(delta(site, before, "kolla-mariadb-recovery")).isEqualTo(1);
        assertThat(site.backup().keyTableRows()).isEqualTo(rows);
    }

    @Test
    void anOpsLeadRestoresTheCharmedSiteFromItsDump() throws Exception {
        LabSite site = lab.require("lab-charmed");
        String dumped = site.juju().runAction("mysql-innodb-cluster/0", "mysqldump", Map.of()).results().get("mysqldump-file");
        String file = "/var/backups/dayshift/lab-charmed-e2e/mysqldump.gz"; // where backup-site copies it on the Juju client host
        site.kolla().copyFile(dumped, file);
        Map<String, Long> rows = site.backup().tableRowsAt(dumped).orElseThrow();
        Map<String, Long> before = site.destructiveActions();
        String backup = record("lab-charmed", "charmed", new Artefact(ArtefactKind.MYSQL_DUMP, "127.0.0.1", file, 48213504, "ef".repeat(32),
                Instant.now().minus(Duration.ofHours(2)), true, rows));

        String id = restore("lab-charmed", backup, "database");

        assertThat(variable(id, "verified").path("value").asBoolean()).isTrue();
        assertThat(variable(id, "summary").path("value").asText()).startsWith("Site lab-charmed restored (database)")
                .contains("Row counts: ").contains("nova.instances: backup");
        assertThat(site.backup().keyTableRows()).isEqualTo(rows);
        assertThat(delta(site, before, "juju-action-restore-mysqldump")).isEqualTo(1);
    }

    @Test
    void aFullBackupThatBackupSiteTookIsRestoredOnBothFlavours() throws Exception {
        for (String site : List.of("lab", "lab-charmed")) {
            // given a full backup-site run on the site
            HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/backup-site/start",
                    "{\"variables\":{\"site\":{\"value\":\"" + site + "\"},\"scope\":{\"value\":\"full\"}}}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            String backupRun = JSON.readTree(started.body()).path("id").asText();
            assertThat(waitUntilFinished(backupRun).path("state").asText()).isEqualTo("COMPLETED");
            String backup = variable(backupRun, "backupId").path("value").asText();
            String globals = site.equals("lab") ? lab.require(site).kolla().file("/etc/kolla/globals.yml").orElseThrow().content() : "";
            if (site.equals("lab")) {
                lab.require(site).kolla().writeFile("/etc/kolla/globals.yml", globals + "enable_octavia: \"yes\"\n");
            }

            // when the whole site is restored from it
            String id = restore(site, backup, "full");

            // then the databases and (Kolla) the configuration are the backup's, and the site verified
            assertThat(variable(id, "verified").path("value").asBoolean()).isTrue();
            assertThat(variable(id, "summary").path("value").asText()).contains("restored (full) from backup " + backup).contains("Row counts: ");
            if (site.equals("lab")) {
                assertThat(lab.require(site).kolla().file("/etc/kolla/globals.yml").orElseThrow().content()).isEqualTo(globals);
            } else {
                assertThat(variable(id, "summary").path("value").asText()).contains("Hand-over: Juju controller");
            }
        }
    }

    /** olga starts the run and confirms the infrastructure, alice approves; returns the run's id once it has completed. */
    private String restore(String site, String backup, String scope) throws Exception {
        Instant began = Instant.now();
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/dr-restore/start", """
                {"variables": {"site": {"value": "%s"}, "backupId": {"value": "%s"}, "scope": {"value": "%s"}}}""".formatted(site, backup, scope));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();

        JsonNode confirm = waitForTask(olga, id, "ops-leads", DrRestore.Elements.CONFIRM_INFRASTRUCTURE);
        JsonNode plan = JSON.readTree(olga.get("/engine-rest/task/" + confirm.path("id").asText() + "/form-variables?variableNames=restorePlan").body());
        assertThat(plan.path("restorePlan").path("value").asText()).contains("from backup " + backup);
        claimAndComplete(olga, "olga", confirm, "{\"decision\":{\"value\":\"ready\"},\"note\":{\"value\":\"replacement controllers up\"}}");

        JsonNode approval = waitForTask(alice, id, "approvers", DrRestore.Elements.APPROVE_RESTORE);
        TaskForms.Loaded approvalForm = TaskForms.check(alice, approval.path("id").asText());
        assertThat(approvalForm.rows("Table_Steps")).isNotEmpty().anySatisfy(step -> assertThat(step.path("phase").asText()).isEqualTo("verify"));
        HttpResponse<String> own = olga.postJson("/engine-rest/task/" + approval.path("id").asText() + "/claim", "{\"userId\":\"olga\"}");
        assertThat(own.statusCode()).as("the initiator cannot claim the approval").isEqualTo(403);
        claimAndComplete(alice, "alice", approval, "{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"DR drill agreed\"}}");

        JsonNode run = waitUntilFinished(id);
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(JSON.readTree(olga.get("/engine-rest/history/activity-instance?processInstanceId=" + id + "&activityId="
                + DrRestore.Elements.END_SITE_RESTORED).body())).hasSize(1);
        log.info("dr-restore e2e on {} ({}): {} ms wall time, achieved RTO {} min", site, scope, Duration.between(began, Instant.now()).toMillis(),
                variable(id, "achievedRtoMinutes").path("value").asLong());
        return id;
    }

    private static long delta(LabSite site, Map<String, Long> before, String action) {
        return site.destructiveActions().getOrDefault(action, 0L) - before.getOrDefault(action, 0L);
    }

    private String record(String site, String flavour, Artefact artefact) {
        Instant startedAt = Instant.now().minus(Duration.ofHours(8));
        String id = BackupSet.idFor(site, startedAt);
        catalogue.record(new BackupSet(id, site, flavour, "databases", "backup-run-" + id, startedAt, startedAt.plusSeconds(900), List.of(artefact),
                List.of()));
        return id;
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

    private static JsonNode variable(String id, String name) {
        return historicVariable(olga, id, name);
    }

}
