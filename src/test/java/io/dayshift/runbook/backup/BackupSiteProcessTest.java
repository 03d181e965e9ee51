package io.dayshift.runbook.backup;

import static io.dayshift.runbook.backup.BackupSite.Elements.ARCHIVE_KOLLA_CONFIG;
import static io.dayshift.runbook.backup.BackupSite.Elements.AWAIT_MARIADB_BACKUP;
import static io.dayshift.runbook.backup.BackupSite.Elements.BACKUP_INCOMPLETE_END;
import static io.dayshift.runbook.backup.BackupSite.Elements.COPY_ARTEFACT_OFF_HOST;
import static io.dayshift.runbook.backup.BackupSite.Elements.CREATE_CONTROLLER_BACKUP;
import static io.dayshift.runbook.backup.BackupSite.Elements.DUMP_MAAS_DATABASE;
import static io.dayshift.runbook.backup.BackupSite.Elements.DUMP_MYSQL_CLUSTER;
import static io.dayshift.runbook.backup.BackupSite.Elements.EXPORT_CEPH_CONFIG;
import static io.dayshift.runbook.backup.BackupSite.Elements.INPUT_REJECTED_END;
import static io.dayshift.runbook.backup.BackupSite.Elements.MARIADB_BACKUP_FAILED_END;
import static io.dayshift.runbook.backup.BackupSite.Elements.NOTIFY_BACKUP_INCOMPLETE;
import static io.dayshift.runbook.backup.BackupSite.Elements.OFF_HOST_COPY_FAILED_END;
import static io.dayshift.runbook.backup.BackupSite.Elements.PART_DEADLINE;
import static io.dayshift.runbook.backup.BackupSite.Elements.PART_NOT_BACKED_UP_END;
import static io.dayshift.runbook.backup.BackupSite.Elements.PART_TIMED_OUT_END;
import static io.dayshift.runbook.backup.BackupSite.Elements.PLAN_BACKUP;
import static io.dayshift.runbook.backup.BackupSite.Elements.PRUNE_EXPIRED_ARTEFACTS;
import static io.dayshift.runbook.backup.BackupSite.Elements.RECORD_MARIADB_BACKUP;
import static io.dayshift.runbook.backup.BackupSite.Elements.RECORD_MARIADB_BACKUP_FAILURE;
import static io.dayshift.runbook.backup.BackupSite.Elements.RECORD_PART_TIMEOUT;
import static io.dayshift.runbook.backup.BackupSite.Elements.SAVE_VAULT_SNAPSHOT;
import static io.dayshift.runbook.backup.BackupSite.Elements.SITE_BACKED_UP_END;
import static io.dayshift.runbook.backup.BackupSite.Elements.START_MARIADB_BACKUP;
import static io.dayshift.runbook.backup.BackupSite.Elements.SUMMARISE_BACKUP;
import static io.dayshift.runbook.backup.BackupSite.Elements.VALIDATE_INPUT;
import static io.dayshift.runbook.backup.BackupSite.Elements.VERIFICATION_FAILED_END;
import static io.dayshift.runbook.backup.BackupSite.Elements.VERIFY_ARTEFACT;
import static io.dayshift.runbook.backup.BackupSite.Elements.VERIFY_OFF_HOST_COPY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.backup.PrunedArtefact;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.engine.StepRecord;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.backup.OffHostCopy;
import io.dayshift.testing.ChatWebhook;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code backup-site} and {@code daily-backup} on the built-in lab, through the production adapters: one method per path, on
 * the kolla site {@code lab} and the charmed site {@code lab-charmed}. The job executor is off: each test runs the jobs itself
 * (those of the {@code await-operation} a run calls too), sees the MariaDB backup once running and, after moving the lab's
 * clock, done. Deadlines are passed by moving the engine's
 * clock. The catalogue is emptied before each test. The class covers every flow node and sequence flow of both models.
 */
@RunbookProcessTest(clock = "2026-11-02T01:30:00Z", timeFactor = "0.01", uncovered = AwaitOperation.PROCESS_KEY)
class BackupSiteProcessTest extends ProcessTestFixture {

    private static final ChatWebhook CHAT = ChatWebhook.start();

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.retries.shell", () -> "R2/PT1S");
        registry.add("dayshift.backup.sites", () -> "lab,lab-charmed");
        registry.add("dayshift.lab.sites.lab", () -> "lab/small-kolla.yaml");
        registry.add("dayshift.lab.sites.lab-charmed", () -> "lab/small-charmed.yaml");
        registry.add("dayshift.lab.sites.lab-unverified", () -> "lab/small-kolla.yaml");
        registry.add("dayshift.lab.notify.chat-webhook", () -> "file:" + CHAT.urlFile());
    }

    @Autowired
    BackupCatalogue catalogue;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        for (String table : List.of("dayshift_backup_copy", "dayshift_backup_failure", "dayshift_backup_artefact", "dayshift_backup_set")) {
            jdbc.update("DELETE FROM " + table);
        }
        CHAT.reset();
    }

    // ---- happy paths ----------------------------------------------------------------------------------------------

    @Test
    void kollaHappyPathBacksUpEveryPartVerifiesItAndRecordsItInTheCatalogue() {
        // given the kolla lab, with no backup in the catalogue
        LabSite site = lab.require("lab");

        // when an ops lead starts a full backup
        ProcessInstance pi = start("lab", "full");
        runToEnd(pi);

        // then MariaDB (full: no recent full exists), MAAS, the Kolla config and Ceph were backed up, each verified
        assertThat(pi).isEnded().hasPassedInOrder(VALIDATE_INPUT, PLAN_BACKUP, START_MARIADB_BACKUP, AWAIT_MARIADB_BACKUP, RECORD_MARIADB_BACKUP,
                VERIFY_ARTEFACT, DUMP_MAAS_DATABASE, VERIFY_ARTEFACT, ARCHIVE_KOLLA_CONFIG, VERIFY_ARTEFACT, EXPORT_CEPH_CONFIG, VERIFY_ARTEFACT,
                PRUNE_EXPIRED_ARTEFACTS, SUMMARISE_BACKUP, SITE_BACKED_UP_END).hasNotPassed(SAVE_VAULT_SNAPSHOT, CREATE_CONTROLLER_BACKUP);
        assertThat(runbooks.variable(pi, "backupComplete")).isEqualTo(true);
        BackupSet set = catalogue.find((String) runbooks.variable(pi, "backupId")).orElseThrow();
        assertThat(set.id()).startsWith("lab-2");
        assertThat(set.flavour()).isEqualTo("kolla");
        assertThat(set.finishedAt()).isNotNull();
        assertThat(set.failures()).isEmpty();
        assertThat(set.artefacts()).extracting(Artefact::kind).containsExactlyInAnyOrder(ArtefactKind.MARIADB_FULL, ArtefactKind.MAAS_DATABASE,
                ArtefactKind.KOLLA_CONFIG, ArtefactKind.CEPH_CONFIG);
        assertThat(set.artefacts()).allSatisfy(a -> {
            assertThat(a.verified()).isTrue();
            assertThat(a.sha256()).isEqualTo(site.backup().fileChecksum(a.path()).orElseThrow());
            assertThat(a.sizeBytes()).isEqualTo(site.kolla().file(a.path()).orElseThrow().size());
        });
        // the MariaDB backup stays in the mariadb_backup volume, with the key tables' row counts of that moment
        Artefact mariadb = set.artefact(ArtefactKind.MARIADB_FULL).orElseThrow();
        assertThat(mariadb.path()).startsWith("/var/lib/docker/volumes/mariadb_backup/_data/mysqlbackup-").endsWith(".qp.xbc.xbs.gz");
        assertThat(mariadb.tableRows()).containsEntry("nova.instances", (long) site.nova().instances().size())
                .containsKeys("keystone.project", "glance.images", "cinder.volumes", "neutron.ports");
        // the others lie under the backup directory, readable only by their owner (they hold keys and passwords)
        assertThat(set.artefacts()).filteredOn(a -> a != mariadb).allSatisfy(a -> {
            assertThat(a.path()).startsWith("/var/backups/dayshift/" + set.id() + "/");
            assertThat(site.kolla().fileMode(a.path())).isEqualTo("600");
            assertThat(a.tableRows()).isEmpty();
        });
        assertThat(site.kolla().file(set.artefact(ArtefactKind.CEPH_CONFIG).orElseThrow().path() + ".d/ceph.keyring")).as("staged keys removed").isEmpty();
        assertThat(runbooks.summary(pi)).contains("complete").contains("Not applicable: VAULT_SNAPSHOT").contains("MARIADB_FULL 127.0.0.1:");
        assertThat(runbooks.steps(pi)).anySatisfy(s -> assertThat(s.action()).endsWith("mariadb_backup"));
        // the run was looked at once while running and once done, without asking anyone
        assertThat(runbooks.steps(pi)).filteredOn(s -> s.step().equals(AwaitOperation.CHECK)).extracting(StepRecord::result)
                .satisfiesExactly(r -> assertThat(r).startsWith("running"), r -> assertThat(r).startsWith("succeeded"));
        assertThat(history.createHistoricTaskInstanceQuery().taskDefinitionKey(AwaitOperation.DECIDE).count()).isZero();
    }

    @Test
    void charmedHappyPathBacksUpControllerMySqlMaasCephAndVault() {
        // given the charmed lab
        LabSite site = lab.require("lab-charmed");

        // when a full backup runs
        ProcessInstance pi = start("lab-charmed", "full");
        runToEnd(pi);

        // then every charmed part was backed up onto its host and verified
        assertThat(pi).isEnded().hasPassed(DUMP_MYSQL_CLUSTER, DUMP_MAAS_DATABASE, CREATE_CONTROLLER_BACKUP, EXPORT_CEPH_CONFIG, SAVE_VAULT_SNAPSHOT,
                SITE_BACKED_UP_END).hasNotPassed(START_MARIADB_BACKUP, ARCHIVE_KOLLA_CONFIG);
        BackupSet set = catalogue.find((String) runbooks.variable(pi, "backupId")).orElseThrow();
        assertThat(set.artefacts()).extracting(Artefact::kind).containsExactlyInAnyOrder(ArtefactKind.MYSQL_DUMP, ArtefactKind.MAAS_DATABASE,
                ArtefactKind.JUJU_CONTROLLER, ArtefactKind.CEPH_CONFIG, ArtefactKind.VAULT_SNAPSHOT);
        assertThat(set.artefacts()).allSatisfy(a -> assertThat(a.verified()).isTrue());
        Artefact dump = set.artefact(ArtefactKind.MYSQL_DUMP).orElseThrow();
        assertThat(dump.path()).isEqualTo("/var/backups/dayshift/" + set.id() + "/mysqldump.gz");
        assertThat(site.kolla().file(dump.path()).orElseThrow().content()).contains("-- Dump completed");
        assertThat(dump.tableRows()).containsEntry("nova.instances", (long) site.nova().instances().size());
        assertThat(site.kolla().fileMode(set.artefact(ArtefactKind.VAULT_SNAPSHOT).orElseThrow().path())).isEqualTo("600");
        assertThat(runbooks.variable(pi, "backupComplete")).isEqualTo(true);
        assertThat(runbooks.steps(pi)).anySatisfy(s -> assertThat(s.action()).contains("mysqldump").contains("juju scp"));
        // and the Ceph keys went into a file on the monitor host, never through Dayshift: not in any table of its database
        String adminKey = "AQ" + "D".repeat(38); // client.admin's key as the lab's ceph auth export writes it
        String database = String.join("\n", jdbc.queryForList("SCRIPT", String.class));
        assertThat(database).contains(set.id()).doesNotContain(adminKey)
                .doesNotContainIgnoringCase(java.util.HexFormat.of().formatHex(adminKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aSecondBackupStartedInTheSameSecondTakesASetOfItsOwn() {
        // given a backup of lab that has ended, and the engine's clock standing still in that second
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-07T13:37:49Z")));
        ProcessInstance first = start("lab", "config");
        runToEnd(first);

        // when the next one starts in the same second
        ProcessInstance second = start("lab", "config");
        runToEnd(second);

        // then each made a set of its own, the second's id saying it is the second of that second, and both are complete
        assertThat(runbooks.variable(first, "backupId")).isEqualTo("lab-20261207T133749Z");
        assertThat(runbooks.variable(second, "backupId")).isEqualTo("lab-20261207T133749Z-2");
        assertThat(catalogue.forSite("lab")).extracting(BackupSet::processInstanceId).containsExactlyInAnyOrder(first.getId(), second.getId());
        assertThat(first).hasPassed(SITE_BACKED_UP_END);
        assertThat(second).hasPassed(SITE_BACKED_UP_END);
    }

    @Test
    void aRecentVerifiedFullMakesTheNextKollaBackupIncremental() {
        // given a verified full MariaDB backup from an earlier run
        ProcessInstance first = start("lab", "databases");
        runToEnd(first);
        assertThat(catalogue.find((String) runbooks.variable(first, "backupId")).orElseThrow().artefact(ArtefactKind.MARIADB_FULL)).isPresent();

        // when the next run starts a day later (engine time), within incremental-within (7 days)
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(1))));
        runbooks.advance(Duration.ofDays(1));
        ProcessInstance second = start("lab", "databases");
        runToEnd(second);

        // then it took an incremental backup, on top of the full one, and only the databases
        BackupSet set = catalogue.find((String) runbooks.variable(second, "backupId")).orElseThrow();
        assertThat(set.artefacts()).extracting(Artefact::kind).containsExactlyInAnyOrder(ArtefactKind.MARIADB_INCREMENTAL, ArtefactKind.MAAS_DATABASE);
        assertThat(set.artefact(ArtefactKind.MARIADB_INCREMENTAL).orElseThrow().path()).contains("/incremental-");
        assertThat(runbooks.steps(second)).anySatisfy(s -> assertThat(s.action()).contains("mariadb_backup").contains("--incremental"));
        assertThat(second).hasPassed(SITE_BACKED_UP_END);
    }

    @Test
    void aNewerFullThatDidNotVerifyMakesTheNextKollaBackupFullAgain() {
        // given a verified full MariaDB backup, then a newer full that did not verify: Kolla's next incremental would build
        // on that newer one, whose chain no restore could use
        ProcessInstance first = start("lab-unverified", "databases");
        runToEnd(first);
        Artefact good = catalogue.find((String) runbooks.variable(first, "backupId")).orElseThrow().artefact(ArtefactKind.MARIADB_FULL).orElseThrow();
        Instant later = good.takenAt().plus(Duration.ofHours(1));
        catalogue.record(new BackupSet(BackupSet.idFor("lab-unverified", later), "lab-unverified", "kolla", "databases", "an-earlier-run", later,
                later.plusSeconds(60), List.of(new Artefact(ArtefactKind.MARIADB_FULL, good.host(), good.path() + ".later", good.sizeBytes(),
                good.sha256(), later, false, Map.of())), List.of()));

        // when the next run starts a day later, within incremental-within
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(1))));
        runbooks.advance(Duration.ofDays(1));
        ProcessInstance second = start("lab-unverified", "databases");
        runToEnd(second);

        // then it took a full backup again, not an incremental on the unverified one
        BackupSet set = catalogue.find((String) runbooks.variable(second, "backupId")).orElseThrow();
        assertThat(set.artefacts()).extracting(Artefact::kind).contains(ArtefactKind.MARIADB_FULL).doesNotContain(ArtefactKind.MARIADB_INCREMENTAL);
        assertThat(second).hasPassed(SITE_BACKED_UP_END);
    }

    // ---- input ----------------------------------------------------------------------------------------------------

    @Test
    void anUnknownSiteOrScopeIsRejectedBeforeAnyAction() {
        // given a site that is not configured, and a scope that does not exist
        Map<String, Long> before = lab.require("lab").destructiveActions();

        // when runs are started with them
        ProcessInstance unknownSite = start("atlantis", "full");
        runToEnd(unknownSite);
        ProcessInstance unknownScope = start("lab", "everything");
        runToEnd(unknownScope);

        // then both end as rejected, with no backup id, not complete, and nothing touched
        assertThat(unknownSite).isEnded().hasPassed(INPUT_REJECTED_END).hasNotPassed(PLAN_BACKUP);
        assertThat(runbooks.summary(unknownSite)).startsWith("Input rejected, nothing was backed up: site: 'atlantis' is not a configured site");
        assertThat(unknownScope).isEnded().hasPassed(INPUT_REJECTED_END);
        assertThat(runbooks.summary(unknownScope)).contains("scope: 'everything' is not full, databases or config");
        assertThat(runbooks.variable(unknownScope, "backupId")).isEqualTo("");
        assertThat(runbooks.variable(unknownScope, "backupComplete")).isEqualTo(false);
        assertThat(lab.require("lab").destructiveActions()).isEqualTo(before);
        assertThat(catalogue.forSite("lab")).isEmpty();
    }

    // ---- a part fails: the others go on ---------------------------------------------------------------------------

    @Test
    void aFailedMariaDbRunIsRecordedAndTheOtherPartsAreStillBackedUp() {
        // given kolla-ansible's mariadb_backup fails once (mariabackup runs out of space)
        lab.require("lab").injectFault(new LabFault("", FaultType.BACKUP_FAILS, "", "", 1));

        // when a full backup runs
        ProcessInstance pi = start("lab", "full");
        runToEnd(pi);

        // then the MariaDB part ended failed, the other parts were backed up, and the run is incomplete
        // (no one was asked: the wait offers no decisions, so the failure came back at once)
        assertThat(pi).isEnded().hasPassed(AWAIT_MARIADB_BACKUP, RECORD_MARIADB_BACKUP_FAILURE, MARIADB_BACKUP_FAILED_END, PART_NOT_BACKED_UP_END,
                DUMP_MAAS_DATABASE, ARCHIVE_KOLLA_CONFIG, EXPORT_CEPH_CONFIG, BACKUP_INCOMPLETE_END).hasNotPassed(RECORD_MARIADB_BACKUP);
        assertThat(history.createHistoricTaskInstanceQuery().taskDefinitionKey(AwaitOperation.DECIDE).count()).isZero();
        BackupSet set = catalogue.find((String) runbooks.variable(pi, "backupId")).orElseThrow();
        assertThat(set.artefacts()).extracting(Artefact::kind).containsExactlyInAnyOrder(ArtefactKind.MAAS_DATABASE, ArtefactKind.KOLLA_CONFIG,
                ArtefactKind.CEPH_CONFIG);
        assertThat(set.failures()).singleElement().asString().startsWith("MARIADB_FULL: kolla-ansible mariadb_backup failed: ")
                .contains("ended HOSTS_FAILED (exit 1)");
        assertThat(runbooks.variable(pi, "backupComplete")).isEqualTo(false);
        assertThat(runbooks.summary(pi)).contains("INCOMPLETE").contains("NOT backed up: MARIADB_FULL").contains("troubled hosts cc01");
        assertThat(runbooks.steps(pi)).filteredOn(s -> s.step().equals(RECORD_MARIADB_BACKUP_FAILURE)).singleElement()
                .satisfies(s -> assertThat(s.evidence()).contains("No space left on device"));
    }

    @Test
    void aPartFailingPastItsRetriesRaisesAnIncidentAndIsRecordedAtItsDeadline() {
        // given pg_dump on the MAAS region host cannot authenticate
        lab.require("lab").injectFault(LabFault.of(FaultType.BACKUP_FAILS, "pg_dump"));
        ProcessInstance pi = start("lab", "databases");

        // when the MAAS step fails as often as its profile allows (dayshift.retries.shell=R2/PT1S: two tries)
        runUntilFailing(pi, DUMP_MAAS_DATABASE);
        for (int left = 2; left >= 1; left--) {
            Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(DUMP_MAAS_DATABASE).singleResult();
            assertThat(job.getRetries()).isEqualTo(left);
            assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("site lab").hasMessageContaining("pg_dump");
        }
        // then an incident names the step, and the run waits there
        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult().getIncidentMessage())
                .contains("password authentication failed for user \"maas\"");

        // when nobody resolves it before the part's deadline (PT2H)
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(2)).plusSeconds(5)));
        management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).timers().activityId(PART_DEADLINE)
                .singleResult().getId());
        runToEnd(pi);

        // then the part is recorded as not backed up, with the incident's message, and the run goes on to its end
        assertThat(pi).isEnded().hasPassed(RECORD_PART_TIMEOUT, PART_TIMED_OUT_END, SUMMARISE_BACKUP, BACKUP_INCOMPLETE_END);
        BackupSet set = catalogue.find((String) runbooks.variable(pi, "backupId")).orElseThrow();
        assertThat(set.artefacts()).extracting(Artefact::kind).containsExactly(ArtefactKind.MARIADB_FULL);
        assertThat(set.failures()).singleElement().asString().startsWith("MAAS_DATABASE: did not finish within PT2H after an incident at "
                + DUMP_MAAS_DATABASE).contains("password authentication failed");
        assertThat(history.createHistoricIncidentQuery().processInstanceId(pi.getId()).count()).isOne();
    }

    @Test
    void anArtefactThatDoesNotVerifyIsRecordedUnverified() {
        // given the Ceph archive reads back damaged
        lab.require("lab-charmed").injectFault(LabFault.of(FaultType.BACKUP_CORRUPT, "ceph-config.tar.gz"));

        // when a config backup runs on the charmed site
        ProcessInstance pi = start("lab-charmed", "config");
        runToEnd(pi);

        // then Ceph's artefact is recorded but not verified, the other parts are, and the run is incomplete
        assertThat(pi).isEnded().hasPassed(VERIFICATION_FAILED_END, PART_NOT_BACKED_UP_END, BACKUP_INCOMPLETE_END);
        BackupSet set = catalogue.find((String) runbooks.variable(pi, "backupId")).orElseThrow();
        assertThat(set.artefact(ArtefactKind.CEPH_CONFIG).orElseThrow().verified()).isFalse();
        assertThat(set.artefact(ArtefactKind.JUJU_CONTROLLER).orElseThrow().verified()).isTrue();
        assertThat(set.artefact(ArtefactKind.VAULT_SNAPSHOT).orElseThrow().verified()).isTrue();
        assertThat(set.failures()).singleElement().asString().startsWith("CEPH_CONFIG: verification failed: not readable: sudo -n tar -tzf");
        assertThat(runbooks.steps(pi)).filteredOn(s -> s.step().equals(VERIFY_ARTEFACT) && s.result().startsWith("not backed up")).singleElement()
                .satisfies(s -> assertThat(s.evidence()).contains("invalid compressed data--crc error"));
    }

    @Test
    void anArtefactChangedBetweenItsBackupAndItsCheckFailsOnItsChecksum() {
        // given a databases backup of the charmed site, stopped before the MySQL dump is verified
        LabSite site = lab.require("lab-charmed");
        ProcessInstance pi = start("lab-charmed", "databases");
        runUntilFailing(pi, VERIFY_ARTEFACT);
        Artefact dump = catalogue.find((String) runtime.getVariable(pi.getId(), "backupId")).orElseThrow()
                .artefact(ArtefactKind.MYSQL_DUMP).orElseThrow();

        // when the dump on the Juju host is overwritten before the check
        site.kolla().writeFile(dump.path(), "not the dump that was taken\n-- Dump completed\n");
        runToEnd(pi);

        // then the check names the changed checksum; the MAAS part is still backed up
        BackupSet set = catalogue.find(dump.path().split("/")[4]).orElseThrow();
        assertThat(set.failures()).singleElement().asString().startsWith("MYSQL_DUMP: verification failed: checksum ")
                .contains("differs from the recorded " + dump.sha256());
        assertThat(set.artefact(ArtefactKind.MAAS_DATABASE).orElseThrow().verified()).isTrue();
        assertThat(pi).hasPassed(VERIFICATION_FAILED_END, BACKUP_INCOMPLETE_END);
    }

    // ---- retention ------------------------------------------------------------------------------------------------

    @Test
    void expiredArtefactsArePrunedButNeverTheNewestGoodOne() {
        // given (engine time 2026-12-01) earlier sets: a MAAS dump of 40 days ago and one of 35 days ago that did not
        // verify, configuration of 100 and of 40 days ago; each file is on the lab's MAAS region host
        Instant now = Instant.parse("2026-12-01T01:30:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
        LabSite site = lab.require("lab");
        Artefact oldDump = seed(site, "lab-20261022T013000Z", ArtefactKind.MAAS_DATABASE, now.minus(Duration.ofDays(40)), true);
        Artefact badDump = seed(site, "lab-20261027T013000Z", ArtefactKind.MAAS_DATABASE, now.minus(Duration.ofDays(35)), false);
        Artefact oldConfig = seed(site, "lab-20260823T013000Z", ArtefactKind.CEPH_CONFIG, now.minus(Duration.ofDays(100)), true);
        Artefact youngConfig = seed(site, "lab-20261022T013000Z", ArtefactKind.CEPH_CONFIG, now.minus(Duration.ofDays(40)), true);

        // when today's database backup fails (pg_dump) and is left to its deadline
        lab.require("lab").injectFault(LabFault.of(FaultType.BACKUP_FAILS, "pg_dump"));
        ProcessInstance pi = start("lab", "databases");
        runUntilFailing(pi, DUMP_MAAS_DATABASE);
        for (int i = 0; i < 2; i++) {
            Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(DUMP_MAAS_DATABASE).singleResult();
            assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("pg_dump");
        }
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofHours(3))));
        management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).timers().activityId(PART_DEADLINE)
                .singleResult().getId());
        runToEnd(pi);

        // then the 100-day-old config and the unverified 35-day-old dump are pruned from the host and the catalogue; the
        // 40-day-old dump stays, as the newest good MAAS backup, and so does the 40-day-old config (90 days for config)
        assertThat(catalogue.pruned("lab")).extracting(PrunedArtefact::path).containsExactlyInAnyOrder(oldConfig.path(), badDump.path());
        assertThat(catalogue.pruned("lab")).allSatisfy(p -> assertThat(p.prunedBy()).isEqualTo(pi.getId()));
        assertThat(site.kolla().file(oldConfig.path())).isEmpty();
        assertThat(site.kolla().file(badDump.path())).isEmpty();
        assertThat(site.kolla().file(oldDump.path())).isPresent();
        assertThat(site.kolla().file(youngConfig.path())).isPresent();
        assertThat(runbooks.variable(pi, "pruned")).isEqualTo(2L);
        assertThat(runbooks.summary(pi)).contains("Pruned 2 expired artefact(s)");
    }

    // ---- off host: every artefact copied to the site's store, checked there ---------------------------------------

    @Test
    void everyVerifiedArtefactIsCopiedToTheStoreAndCheckedThere() {
        // given the kolla lab and its backup store, another host with files of its own
        LabSite site = lab.require("lab");
        LabSite store = lab.backupStore("lab");

        // when a full backup runs
        ProcessInstance pi = start("lab", "full");
        runToEnd(pi);

        // then each artefact, once verified on its host, was copied to the store by its host and verified there
        assertThat(pi).hasPassedInOrder(VERIFY_ARTEFACT, COPY_ARTEFACT_OFF_HOST, VERIFY_OFF_HOST_COPY, DUMP_MAAS_DATABASE).hasPassed(SITE_BACKED_UP_END)
                .hasNotPassed(NOTIFY_BACKUP_INCOMPLETE);
        String id = (String) runbooks.variable(pi, "backupId");
        BackupSet set = catalogue.find(id).orElseThrow();
        List<OffHostCopy> copies = catalogue.copies(id);
        assertThat(copies).extracting(OffHostCopy::kind).containsExactlyInAnyOrderElementsOf(set.artefacts().stream().map(Artefact::kind).toList());
        assertThat(copies).allSatisfy(c -> {
            Artefact original = set.artefact(c.kind()).orElseThrow();
            assertThat(c.verified()).isTrue();
            assertThat(c.host()).isEqualTo("127.0.0.1");
            assertThat(c.path()).isEqualTo("/srv/dayshift-backups/" + id + "/" + original.path().substring(original.path().lastIndexOf('/') + 1));
            assertThat(store.backup().fileChecksum(c.path())).contains(original.sha256());
            assertThat(store.kolla().file(c.path() + ".part")).isEmpty();
            assertThat(store.kolla().fileMode(c.path())).isEqualTo("600");
            assertThat(site.kolla().file(c.path())).as("not on the site's own hosts").isEmpty();
        });
        assertThat(runbooks.summary(pi)).contains("Copied off host to 127.0.0.1 and verified there: MARIADB_FULL /srv/dayshift-backups/" + id + "/");
        assertThat(runbooks.steps(pi)).anySatisfy(s -> assertThat(s.action()).startsWith("scp /var/backups/dayshift/" + id + "/maasdb.dump (on 127.0.0.1) to "));
    }

    @Test
    void aRetriedCopyFindsTheWholeVerifiedCopyAndDoesNothing() {
        // given a backup stopped before its first copy, and that copy whole on the store already (an earlier try made it)
        LabSite site = lab.require("lab");
        LabSite store = lab.backupStore("lab");
        ProcessInstance pi = start("lab", "databases");
        runUntilFailing(pi, COPY_ARTEFACT_OFF_HOST);
        String id = (String) runtime.getVariable(pi.getId(), "backupId");
        Artefact mariadb = catalogue.find(id).orElseThrow().artefact(ArtefactKind.MARIADB_FULL).orElseThrow();
        String copy = "/srv/dayshift-backups/" + id + "/" + mariadb.path().substring(mariadb.path().lastIndexOf('/') + 1);
        store.kolla().makeDirectory("/srv/dayshift-backups/" + id);
        store.backup().receiveCopy(copy, site.kolla().file(mariadb.path()).orElseThrow(), Map.of());
        long received = store.destructiveActions().getOrDefault("scp-receive", 0L);

        // when the copy and its check run (again)
        runToEnd(pi);

        // then nothing was sent again for it (only the MAAS dump was), and it is recorded as verified
        assertThat(store.destructiveActions().get("scp-receive")).isEqualTo(received + 1);
        assertThat(catalogue.copy(id, ArtefactKind.MARIADB_FULL)).hasValueSatisfying(c -> assertThat(c.verified()).isTrue());
        assertThat(runbooks.steps(pi)).anySatisfy(s -> assertThat(s.result()).isEqualTo("copy there from an earlier try"));
        assertThat(pi).hasPassed(SITE_BACKED_UP_END);
    }

    @Test
    void aCopyDamagedInTransferFailsThePartOffHostAndTheSiteIsNotified() {
        // given the MAAS dump arrives damaged on the store
        lab.require("lab").injectFault(LabFault.of(FaultType.TRANSFER_CORRUPT, "maasdb.dump"));
        LabSite store = lab.backupStore("lab");

        // when a databases backup runs
        ProcessInstance pi = start("lab", "databases");
        runToEnd(pi);

        // then the damaged copy is removed from the store and recorded as failed; the dump on its host still counts
        assertThat(pi).hasPassed(OFF_HOST_COPY_FAILED_END, PART_NOT_BACKED_UP_END, NOTIFY_BACKUP_INCOMPLETE, BACKUP_INCOMPLETE_END);
        String id = (String) runbooks.variable(pi, "backupId");
        assertThat(catalogue.find(id).orElseThrow().artefact(ArtefactKind.MAAS_DATABASE)).hasValueSatisfying(a -> assertThat(a.verified()).isTrue());
        OffHostCopy copy = catalogue.copy(id, ArtefactKind.MAAS_DATABASE).orElseThrow();
        assertThat(copy.verified()).isFalse();
        assertThat(copy.problem()).startsWith("checksum on the store ").contains("differs from the artefact's");
        assertThat(store.kolla().file(copy.path())).isEmpty();
        assertThat(store.kolla().file(copy.path() + ".part")).isEmpty();
        assertThat(catalogue.copy(id, ArtefactKind.MARIADB_FULL)).hasValueSatisfying(c -> assertThat(c.verified()).isTrue());
        assertThat(runbooks.variable(pi, "backupComplete")).isEqualTo(false);
        assertThat(runbooks.summary(pi)).contains("INCOMPLETE").contains("NOT copied off host: MAAS_DATABASE: checksum on the store");
        // and the site's chat channel was told which site, which set and what failed
        assertThat(CHAT.messages()).singleElement().asString().contains("Backup " + id + " of site lab is INCOMPLETE")
                .contains("NOT copied off host: MAAS_DATABASE");
    }

    @Test
    void aFailedPartNotifiesTheSiteAndAFailingChannelDoesNotFailTheRun() {
        // given the Kolla MariaDB backup fails once, and the site's chat webhook answers 500
        lab.require("lab").injectFault(new LabFault("", FaultType.BACKUP_FAILS, "", "", 1));
        CHAT.failing(true);

        // when a databases backup runs
        ProcessInstance pi = start("lab", "databases");
        runToEnd(pi);

        // then the notification step records the channel that did not deliver, and the run still ends incomplete, with no incident
        assertThat(pi).isEnded().hasPassed(NOTIFY_BACKUP_INCOMPLETE, BACKUP_INCOMPLETE_END);
        assertThat(history.createHistoricIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(CHAT.messages()).isEmpty();
        assertThat(runbooks.steps(pi)).filteredOn(s -> s.step().equals(NOTIFY_BACKUP_INCOMPLETE)).singleElement().satisfies(s -> {
            assertThat(s.result()).startsWith("NOT delivered on every channel: Backup " + runbooks.variable(pi, "backupId") + " of site lab is INCOMPLETE");
            assertThat(s.evidence()).contains("CHAT");
        });

        // and when the channel works, the next failed run's message arrives with the site, the set and what failed
        CHAT.failing(false);
        lab.require("lab").injectFault(new LabFault("", FaultType.BACKUP_FAILS, "", "", 1));
        ProcessInstance next = start("lab", "databases");
        runToEnd(next);
        assertThat(CHAT.messages()).singleElement().asString().contains("Backup " + runbooks.variable(next, "backupId") + " of site lab is INCOMPLETE")
                .contains("NOT backed up: MARIADB_FULL");
    }

    @Test
    void expiredCopiesArePrunedOnTheStoreButNeverTheNewestGoodOne() {
        // given (engine time 2026-12-01) copies on the store of a MAAS dump of 40 days ago and of configuration of 40 days ago
        Instant now = Instant.parse("2026-12-01T01:30:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
        LabSite store = lab.backupStore("lab");
        OffHostCopy oldDump = seedCopy(store, "lab-20261022T013000Z", ArtefactKind.MAAS_DATABASE, now.minus(Duration.ofDays(40)));
        OffHostCopy oldConfig = seedCopy(store, "lab-20261022T013000Z", ArtefactKind.CEPH_CONFIG, now.minus(Duration.ofDays(40)));

        // when today's databases backup runs and copies a new MAAS dump
        ProcessInstance pi = start("lab", "databases");
        runToEnd(pi);

        // then the old dump's copy is pruned from the store (a newer verified one exists), the config copy is kept (90 days)
        assertThat(store.kolla().file(oldDump.path())).isEmpty();
        assertThat(store.kolla().file(oldConfig.path())).isPresent();
        assertThat(catalogue.copy("lab-20261022T013000Z", ArtefactKind.MAAS_DATABASE)).isEmpty();
        assertThat(catalogue.copy("lab-20261022T013000Z", ArtefactKind.CEPH_CONFIG)).isPresent();
        assertThat(runbooks.variable(pi, "prunedCopies")).isEqualTo(1L);
        assertThat(runbooks.summary(pi)).contains("Pruned 1 expired off-host copy.");
    }

    // ---- daily timer -----------------------------------------------------------------------------------------------

    @Test
    void theDailyBackupBacksUpEveryConfiguredSite() {
        // given the daily process's timer (it never fires by itself: the job executor is off)
        Job timer = management.createJobQuery().processDefinitionKey(DailyBackup.PROCESS_KEY).timers().singleResult();
        assertThat(timer).isNotNull();

        // when it fires
        management.executeJob(timer.getId());
        ProcessInstance daily = runtime.createProcessInstanceQuery().processDefinitionKey(DailyBackup.PROCESS_KEY).singleResult();
        management.executeJob(management.createJobQuery().processInstanceId(daily.getId()).singleResult().getId());
        // each site's backup starts in a job of its own
        List<Job> perSite = management.createJobQuery().processInstanceId(daily.getId()).list();
        assertThat(perSite).hasSize(2);
        perSite.forEach(job -> management.executeJob(job.getId()));

        // then backup-site runs for each configured site, all at once, each to its end, and the daily run ends
        List<ProcessInstance> runs = runtime.createProcessInstanceQuery().processDefinitionKey(BackupSite.PROCESS_KEY)
                .superProcessInstanceId(daily.getId()).list();
        assertThat(runs).extracting(r -> runtime.getVariable(r.getId(), "site")).containsExactlyInAnyOrder("lab", "lab-charmed");
        assertThat(runs).extracting(r -> runtime.getVariable(r.getId(), "scope")).containsOnly("full");
        for (ProcessInstance run : runs) {
            runToEnd(run);
            assertThat(run).hasPassed(SITE_BACKED_UP_END);
        }
        assertThat(daily).isEnded().hasPassed(DailyBackup.Elements.BACK_UP_EACH_SITE, DailyBackup.Elements.END_EVENT);
        assertThat(catalogue.forSite("lab")).hasSize(1);
        assertThat(catalogue.forSite("lab-charmed")).hasSize(1);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** A verified copy on the store, of an artefact of a set recorded for it, as an earlier run would have left it. */
    private OffHostCopy seedCopy(LabSite store, String setId, ArtefactKind kind, Instant takenAt) {
        String name = kind.name().toLowerCase() + ".bin";
        String path = "/srv/dayshift-backups/" + setId + "/" + name;
        store.kolla().makeDirectory("/srv/dayshift-backups/" + setId);
        store.kolla().writeFile(path, "copy of " + name);
        String sha = store.backup().fileChecksum(path).orElseThrow();
        Artefact artefact = new Artefact(kind, "127.0.0.1", "/var/backups/dayshift/" + setId + "/" + name, 16, sha, takenAt, true, Map.of());
        if (catalogue.find(setId).isEmpty()) {
            catalogue.record(new BackupSet(setId, "lab", "kolla", "full", "earlier-run", takenAt, takenAt.plusSeconds(600), List.of(), List.of()));
        }
        catalogue.append(setId, artefact);
        catalogue.markPruned(setId, kind, takenAt.plusSeconds(1), "earlier-run"); // the original is gone from its host; its copy stays
        OffHostCopy copy = new OffHostCopy(setId, kind, "127.0.0.1", path, 16, sha, takenAt, takenAt.plusSeconds(60), true, "");
        catalogue.recordCopy(copy);
        return copy;
    }

    private ProcessInstance start(String site, String scope) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("site", site);
        variables.put("scope", scope);
        return runtime.startProcessInstanceByKey(BackupSite.PROCESS_KEY, variables);
    }

    /**
     * Runs the instance's jobs (and those of the await-operation it called) as the job executor would, until it ends. The wait's
     * timer fires only when nothing else is left, after the lab's clock moved on every second time, so the first look at the
     * MariaDB backup sees it running. The part's and the wait's deadlines never fire here.
     */
    private void runToEnd(ProcessInstance pi) {
        int waits = 0;
        for (int i = 0; i < 80 && runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0; i++) {
            List<Job> jobs = jobs(pi);
            Job next = jobs.stream().filter(j -> !isTimer(j)).findFirst()
                    .orElseGet(() -> jobs.stream().filter(j -> AwaitOperation.WAIT.equals(activity(j))).findFirst().orElse(null));
            if (next == null) {
                throw new AssertionError("run " + pi.getId() + " is stuck at " + runtime.getActiveActivityIds(pi.getId()));
            }
            if (AwaitOperation.WAIT.equals(activity(next)) && waits++ % 2 == 1) {
                runbooks.advance(Duration.ofMinutes(10));
            }
            management.executeJob(next.getId());
        }
        assertThat(pi).isEnded();
    }

    /** Runs jobs until the next one is the given step's (which is then left for the test). */
    private void runUntilFailing(ProcessInstance pi, String activityId) {
        for (int i = 0; i < 40; i++) {
            List<Job> jobs = jobs(pi);
            if (jobs.stream().anyMatch(j -> activityId.equals(activity(j)))) {
                return;
            }
            Job next = jobs.stream().filter(j -> !isTimer(j)).findFirst()
                    .orElseGet(() -> jobs.stream().filter(j -> AwaitOperation.WAIT.equals(activity(j))).findFirst().orElseThrow());
            if (AwaitOperation.WAIT.equals(activity(next))) {
                runbooks.advance(Duration.ofMinutes(10));
            }
            management.executeJob(next.getId());
        }
        throw new AssertionError("run never reached " + activityId);
    }

    /** The jobs of the run and of the await-operation it is in (a run waits for one operation at a time). */
    private List<Job> jobs(ProcessInstance pi) {
        List<Job> jobs = new java.util.ArrayList<>(management.createJobQuery().processInstanceId(pi.getId()).list());
        runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).list()
                .forEach(called -> jobs.addAll(management.createJobQuery().processInstanceId(called.getId()).list()));
        return jobs;
    }

    private boolean isTimer(Job job) {
        return management.createJobQuery().jobId(job.getId()).timers().count() > 0;
    }

    private String activity(Job job) {
        return job.getJobDefinitionId() == null ? null
                : management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId();
    }

    private Artefact seed(LabSite site, String setId, ArtefactKind kind, Instant takenAt, boolean verified) {
        String path = "/var/backups/dayshift/" + setId + "/" + kind.name().toLowerCase() + ".seed";
        site.kolla().writeFile(path, "seeded " + kind);
        Artefact artefact = new Artefact(kind, "127.0.0.1", path, 12, "0".repeat(64), takenAt, verified, Map.of());
        catalogue.record(new BackupSet(setId, "lab", "kolla", "full", "seed", takenAt, takenAt.plusSeconds(600), List.of(), List.of()));
        catalogue.append(setId, artefact);
        return artefact;
    }
}
