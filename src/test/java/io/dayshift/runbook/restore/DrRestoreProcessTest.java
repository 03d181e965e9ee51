package io.dayshift.runbook.restore;

import static io.dayshift.runbook.restore.DrRestore.Elements.ACKNOWLEDGE_FIRST_ESCALATION;
import static io.dayshift.runbook.restore.DrRestore.Elements.ACKNOWLEDGE_RTO_BREACHED;
import static io.dayshift.runbook.restore.DrRestore.Elements.ACKNOWLEDGE_SECOND_ESCALATION;
import static io.dayshift.runbook.restore.DrRestore.Elements.APPROVE_DATA_LOSS;
import static io.dayshift.runbook.restore.DrRestore.Elements.APPROVE_RESTORE;
import static io.dayshift.runbook.restore.DrRestore.Elements.CONFIRM_INFRASTRUCTURE;
import static io.dayshift.runbook.restore.DrRestore.Elements.DECIDE_RESTORE_FAILURE;
import static io.dayshift.runbook.restore.DrRestore.Elements.DECIDE_ROW_MISMATCH;
import static io.dayshift.runbook.restore.DrRestore.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.dayshift.access.Roles;
import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.lab.model.ActionOutcome;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.engine.StepRecord;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.backup.BackupSite;
import io.dayshift.runbook.smoke.SmokeTestInstance;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code dr-restore}, one method per path, on the whole service with the lab ({@code lab}: Kolla-Ansible 17.3.0,
 * {@code lab-charmed}: Juju 3.4) through the production adapters; the job executor is off. Backup sets are recorded in the
 * real catalogue with artefacts the lab holds. Detached kolla-ansible runs end in lab time, which the waits move on; the
 * escalations are fired by their timer jobs (one test takes its backup with backup-site, which its own test covers). The class
 * covers every flow node and sequence flow of dr-restore and of the
 * wait it calls.
 */
@RunbookProcessTest(clock = "2026-11-21T02:00:00Z", timeFactor = "0.01", uncovered = {BackupSite.PROCESS_KEY,
        AwaitOperation.PROCESS_KEY, SmokeTestInstance.PROCESS_KEY})
class DrRestoreProcessTest extends ProcessTestFixture {

    private static final String NIGHTLY = "mysqlbackup-nightly.qp.xbc.xbs.gz";
    private static final String CONFIG_ARCHIVE = "/var/backups/dayshift/kolla-config-nightly.tar.gz";
    private static final AtomicInteger SETS = new AtomicInteger();

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.retries.openstack", () -> "R1/PT1S");
        registry.add("dayshift.retries.kolla", () -> "R1/PT1S");
        registry.add("dayshift.retries.shell", () -> "R1/PT1S");
        registry.add("dayshift.lab.sites.lab", () -> "lab/small-kolla.yaml");
        registry.add("dayshift.lab.sites.lab-charmed", () -> "lab/small-charmed.yaml");
        registry.add("dayshift.lab.sites.lab-nightly", () -> "lab/small-kolla.yaml"); // a backup catalogue of its own
    }

    @Autowired
    BackupCatalogue catalogue;

    @BeforeEach
    void users() {
        runbooks.user("olga", Roles.OPS_LEADS);
        runbooks.user("omar", Roles.OPS_LEADS);
        runbooks.user("anna", Roles.APPROVERS);
    }

    private ProcessInstance startAndCheckInput(String site, String backup, String scope) {
        ProcessInstance run = start(site, backup, scope);
        runbooks.runJobs();
        return run;
    }

    /** A restore holds its whole site (a lease): each test's run is cancelled when the test is over, so the next may start. */
    // ---- happy paths ------------------------------------------------------------------------------------------------

    @Test
    void restoresTheDatabasesOfAKollaSiteAndVerifiesItWithinTheRto() {
        // given last night's backup (6 h old) and a day of changes since
        LabSite site = lab.require("lab");
        String backup = kollaBackup(Duration.ofHours(6), false);
        Map<String, Long> atBackup = site.backup().tableRowsAt("volume:mariadb_backup/" + NIGHTLY).orElseThrow();
        Map<String, Long> before = site.destructiveActions();

        // when olga starts the restore, confirms the infrastructure and anna approves it
        ProcessInstance run = start("lab", backup, "database");
        runbooks.runJobs();
        assertThat(run).isWaitingAt(CONFIRM_INFRASTRUCTURE).hasNotPassed(APPROVE_DATA_LOSS);
        assertThat((String) tasks.getVariable(runbooks.task(run, CONFIRM_INFRASTRUCTURE).getId(), "restorePlan"))
                .contains("from backup " + backup + ", 6 h old (RPO 24 h; RTO 4 h)").contains("kolla-ansible stop --limit control")
                .contains("on mariadb[0] (cc01): mbstream + mariabackup");
        decide(run, CONFIRM_INFRASTRUCTURE, "omar", "ready", "controllers cc01-cc03 rebuilt and reachable");
        approve(run, APPROVE_RESTORE, "anna", true, "DR drill OPS-77");
        runUntilEnd(run);

        // then the control plane was stopped, the backup copied back and recovered from cc01, the rows are the backup's,
        // the controllers and computes redeployed, and the restored cloud verified
        assertThat(run).hasPassed(DrRestore.Elements.STOP_SERVICES, DrRestore.Elements.RESTORE_DATABASES, DrRestore.Elements.RECOVER_DATABASE_CLUSTER,
                DrRestore.Elements.VERIFY_DATABASE_RESTORE, DrRestore.Elements.REDEPLOY_CONTROLLERS, DrRestore.Elements.RESYNC_COMPUTES,
                DrRestore.Elements.DISCOVER_COMPUTE_HOSTS, DrRestore.Elements.VERIFY_SERVICES, DrRestore.Elements.SMOKE_TEST, DrRestore.Elements.END_SITE_RESTORED)
                .hasNotPassed(DECIDE_ROW_MISMATCH, DECIDE_RESTORE_FAILURE);
        assertThat(delta(site, before, "kolla-stop")).isEqualTo(1);
        assertThat(delta(site, before, "mariadb-restore")).isEqualTo(1);
        assertThat(delta(site, before, "kolla-mariadb-recovery")).isEqualTo(1);
        assertThat(delta(site, before, "kolla-deploy")).isEqualTo(2);
        assertThat(delta(site, before, "tar-extract")).isZero();
        assertThat(site.backup().keyTableRows()).isEqualTo(atBackup);
        assertThat(runbooks.variable(run, "verified")).isEqualTo(true);
        assertThat(runbooks.variable(run, "rtoMet")).isEqualTo(true);
        assertThat(runbooks.variable(run, "restored")).isEqualTo(true);
        assertThat(runbooks.summary(run)).startsWith("Site lab restored (database) from backup " + backup + ", 6 h old (RPO 24 h), and verified: nova-compute: ")
                .contains("test instance").contains("is ACTIVE").contains("nova.instances: backup " + atBackup.get("nova.instances") + ", restored "
                        + atBackup.get("nova.instances")).contains("the 4 h objective was met").contains("Started by olga, approved by anna");
        assertThat(runbooks.steps(run)).extracting(StepRecord::action).anyMatch(a -> a.contains("stop --yes-i-really-really-mean-it --limit 'control'"))
                .anyMatch(a -> a.contains("mariadb_recovery -e 'mariadb_recover_inventory_name=cc01'"))
                .anyMatch(a -> a.contains("deploy --limit 'compute'"))
                .anyMatch(a -> a.startsWith("POST /servers name=dayshift-dr-test-" + run.getId() + "-1"))
                .anyMatch(a -> a.startsWith("DELETE /servers/"))
                .noneMatch(a -> a.toLowerCase().contains("password"));
        assertThat(site.nova().instances()).noneMatch(i -> i.name().startsWith("dayshift-dr-test-"));
    }

    @Test
    void aFullRestoreOfAnOldBackupNeedsTheDataLossAcceptedAndPutsTheConfigurationBack() {
        // given a 30 h old backup with the configuration archive, and globals.yml changed since
        LabSite site = lab.require("lab");
        String backup = kollaBackup(Duration.ofHours(30), true);
        String globals = site.kolla().file("/etc/kolla/globals.yml").orElseThrow().content();
        site.kolla().writeFile("/etc/kolla/globals.yml", globals + "enable_octavia: \"yes\"\n");

        // when the run starts, it first asks an approver to accept the loss of 30 h of data
        ProcessInstance run = start("lab", backup, "full");
        runbooks.runJobs();
        assertThat(run).isWaitingAt(APPROVE_DATA_LOSS);
        assertThat(tasks.getVariable(runbooks.task(run, APPROVE_DATA_LOSS).getId(), "backupAgeHours")).isEqualTo(30L);
        assertThat(runbooks.tryApprove(run, APPROVE_DATA_LOSS, "olga")).as("the initiator cannot accept it").isFalse();
        approve(run, APPROVE_DATA_LOSS, "anna", true, "no younger backup survived the fire");
        decide(run, CONFIRM_INFRASTRUCTURE, "omar", "ready", "rebuilt");
        approve(run, APPROVE_RESTORE, "anna", true, "go");
        runUntilEnd(run);

        // then the configuration is the backup's again, the old one kept beside it, and the restore ran to its end
        assertThat(run).hasPassed(APPROVE_DATA_LOSS, DrRestore.Elements.RESTORE_CONFIGURATION, DrRestore.Elements.END_SITE_RESTORED);
        assertThat(site.kolla().file("/etc/kolla/globals.yml").orElseThrow().content()).isEqualTo(globals);
        assertThat(site.kolla().files("/etc/kolla.dayshift-")).hasSize(1);
        assertThat(runbooks.summary(run)).contains("restored (full)").contains("30 h old (RPO 24 h)");
    }

    @Test
    void aConfigurationRestoreStopsNothingAndLeavesTheDatabasesAlone() {
        LabSite site = lab.require("lab");
        String backup = kollaBackup(Duration.ofHours(2), true);
        Map<String, Long> before = site.destructiveActions();

        ProcessInstance run = start("lab", backup, "config");
        runbooks.runJobs();
        decide(run, CONFIRM_INFRASTRUCTURE, "omar", "ready", "deployer rebuilt");
        approve(run, APPROVE_RESTORE, "anna", true, "restore the config");
        runUntilEnd(run);

        assertThat(run).hasPassed(DrRestore.Elements.END_SITE_RESTORED);
        assertThat(delta(site, before, "kolla-stop")).isZero();
        assertThat(delta(site, before, "mariadb-restore")).isZero();
        assertThat(delta(site, before, "tar-extract")).isEqualTo(1);
        assertThat(delta(site, before, "kolla-deploy")).isEqualTo(2);
        assertThat(runbooks.summary(run)).contains("restored (config)").doesNotContain("Row counts");
    }

    @Test
    void restoresTheDumpOfACharmedSiteAndHandsOverTheController() {
        // given a charmed backup: the mysql-innodb-cluster charm's dump and a Juju controller backup
        LabSite site = lab.require("lab-charmed");
        String backup = charmedBackup(Duration.ofHours(3));
        Map<String, Long> before = site.destructiveActions();

        ProcessInstance run = start("lab-charmed", backup, "full");
        runbooks.runJobs();
        decide(run, CONFIRM_INFRASTRUCTURE, "omar", "ready", "juju machines up");
        approve(run, APPROVE_RESTORE, "anna", true, "go");
        runUntilEnd(run);

        // then the API units were paused around the charm's restore of the dump and resumed, nova-manage cell_v2 discover_hosts ran on the nova-cloud-controller leader, and the
        // controller is handed over
        assertThat(run).hasPassed(DrRestore.Elements.END_SITE_RESTORED);
        assertThat(delta(site, before, "juju-action-pause")).isPositive().isEqualTo(delta(site, before, "juju-action-resume"));
        assertThat(site.juju().units()).noneMatch(u -> u.workload().message().startsWith("Paused"));
        assertThat(delta(site, before, "juju-action-restore-mysqldump")).isEqualTo(1);
        assertThat(delta(site, before, "juju-exec-discover-hosts")).isEqualTo(1);
        assertThat(runbooks.summary(run)).contains("restored (full)").contains("Hand-over: Juju controller: restore")
                .contains("Row counts: ").contains("nova.instances: backup 22, restored 22");
        assertThat(site.backup().keyTableRows()).isEqualTo(site.backup().tableRowsAt(site.backup().backups().stream().filter(b -> b.kind().equals("mysqldump"))
                .reduce((a, b) -> b).orElseThrow().location()).orElseThrow());
    }

    @Test
    void restoresABackupThatHoldsOnlyAnIncrementalFromItsChainAndCountsTheAgeOfItsNewestPoint() {
        // given the nightly backups backup-site took: a full six days ago and an incremental five hours ago, an instance
        // deleted in between
        LabSite site = lab.require("lab-nightly");
        Instant now = now();
        BackupSet full = nightlyBackup("lab-nightly", now.minus(Duration.ofDays(6)));
        site.nova().deleteServer(site.nova().instances().get(0).id());
        BackupSet incremental = nightlyBackup("lab-nightly", now.minus(Duration.ofHours(5)));
        ClockUtil.reset();
        Artefact fullBackup = full.artefact(ArtefactKind.MARIADB_FULL).orElseThrow();
        Artefact incrementalBackup = incremental.artefact(ArtefactKind.MARIADB_INCREMENTAL).orElseThrow();
        assertThat(incremental.artefact(ArtefactKind.MARIADB_FULL)).isEmpty();

        // when olga restores the databases from the incremental's set
        ProcessInstance run = start("lab-nightly", incremental.id(), "database");
        runbooks.runJobs();

        // then the newest restorable point is five hours old: within the RPO, no data loss to accept; the plan names the chain
        assertThat(run).isWaitingAt(CONFIRM_INFRASTRUCTURE).hasNotPassed(APPROVE_DATA_LOSS);
        assertThat(runbooks.variable(run, "backupAgeHours")).isEqualTo(5L);
        assertThat((String) tasks.getVariable(runbooks.task(run, CONFIRM_INFRASTRUCTURE).getId(), "restorePlan"))
                .contains("from backup " + incremental.id() + ", 5 h old (RPO 24 h; RTO 4 h)").contains(fileName(fullBackup.path()))
                .contains(fileName(incrementalBackup.path()));
        decide(run, CONFIRM_INFRASTRUCTURE, "omar", "ready", "controllers rebuilt");
        approve(run, APPROVE_RESTORE, "anna", true, "restore last night's state");
        runUntilEnd(run);

        // and the restore applied the full backup, then the incremental; the rows are the incremental's, as the check found
        assertThat(run).hasPassed(DrRestore.Elements.VERIFY_DATABASE_RESTORE, DrRestore.Elements.END_SITE_RESTORED).hasNotPassed(DECIDE_ROW_MISMATCH);
        assertThat(site.backup().restoredMariaBackups()).containsExactly(fileName(fullBackup.path()), fileName(incrementalBackup.path()));
        assertThat(site.backup().keyTableRows()).isEqualTo(incrementalBackup.tableRows()).isNotEqualTo(fullBackup.tableRows());
        assertThat(runbooks.summary(run)).contains("5 h old (RPO 24 h)");
    }

    // ---- no-go paths ------------------------------------------------------------------------------------------------

    @Test
    void aConfigurationArchiveGoneFromItsHostIsRestoredFromItsOffHostCopy() {
        // given a config backup taken by backup-site (copied to the site's backup store), then globals.yml changed and the
        // archive lost from the deployer
        LabSite site = lab.require("lab");
        ProcessInstance backupRun = runtime.startProcessInstanceByKey(BackupSite.PROCESS_KEY, Map.of("site", "lab", "scope", "config"));
        runbooks.runJobs();
        assertThat(backupRun).isEnded();
        BackupSet set = catalogue.find((String) runbooks.variable(backupRun, "backupId")).orElseThrow();
        Artefact archive = set.artefact(ArtefactKind.KOLLA_CONFIG).orElseThrow();
        assertThat(catalogue.copy(set.id(), ArtefactKind.KOLLA_CONFIG)).hasValueSatisfying(c -> assertThat(c.verified()).isTrue());
        String globals = site.kolla().file("/etc/kolla/globals.yml").orElseThrow().content();
        site.kolla().writeFile("/etc/kolla/globals.yml", globals + "enable_octavia: \"yes\"\n");
        site.kolla().deleteFile(archive.path());

        // when the configuration is restored, the plan saying it reads the off-host copy
        ProcessInstance run = start("lab", set.id(), "config");
        runbooks.runJobs();
        assertThat((String) tasks.getVariable(runbooks.task(run, CONFIRM_INFRASTRUCTURE).getId(), "restorePlan"))
                .contains("reads the OFF-HOST COPY 127.0.0.1:/srv/dayshift-backups/" + set.id() + "/kolla-config.tar.gz")
                .contains("the original KOLLA_CONFIG 127.0.0.1:" + archive.path() + " is gone");
        decide(run, CONFIRM_INFRASTRUCTURE, "omar", "ready", "deployer rebuilt, its disk lost");
        approve(run, APPROVE_RESTORE, "anna", true, "restore from the store");
        runUntilEnd(run);

        // then the copy was put back on the deployer, unpacked, and the configuration is the backup's again
        assertThat(run).hasPassed(DrRestore.Elements.RESTORE_CONFIGURATION, DrRestore.Elements.END_SITE_RESTORED);
        assertThat(site.backup().fileChecksum(archive.path())).contains(archive.sha256());
        assertThat(site.kolla().file("/etc/kolla/globals.yml").orElseThrow().content()).isEqualTo(globals);
        assertThat(runbooks.steps(run)).anySatisfy(s -> assertThat(s.result()).startsWith("put back from the off-host copy, sha256 " + archive.sha256()));
    }

    @Test
    void anArtefactGoneFromItsHostWithoutACopyIsRejected() {
        // given a backup whose configuration archive is gone from the deployer, and which has no off-host copy
        LabSite site = lab.require("lab");
        String backup = kollaBackup(Duration.ofHours(2), true);
        site.kolla().deleteFile(CONFIG_ARCHIVE);

        // when its configuration is to be restored
        ProcessInstance run = start("lab", backup, "config");
        runbooks.runJobs();

        // then the input is rejected before anything is touched
        assertThat(run).isEnded().hasPassed(DrRestore.Elements.END_INPUT_REJECTED);
        assertThat(runbooks.summary(run)).contains("the KOLLA_CONFIG artefact of backup " + backup + " is gone from 127.0.0.1:" + CONFIG_ARCHIVE
                + " and has no verified off-host copy");
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsTouched() {
        LabSite site = lab.require("lab");
        Map<String, Long> before = site.destructiveActions();
        String charmed = charmedBackup(Duration.ofHours(1));
        String unverified = record("lab", List.of(mariadb(Duration.ofHours(1), false)));
        String base = record("lab", List.of(mariadb(Duration.ofHours(30), true)));
        String pruned = record("lab", List.of(incremental(Duration.ofHours(20), base)));
        catalogue.markPruned(pruned, ArtefactKind.MARIADB_INCREMENTAL, now(), "backup-run-x");
        String afterGap = record("lab", List.of(incremental(Duration.ofHours(2), base)));
        String noBase = record("lab", List.of(incremental(Duration.ofHours(2), null)));

        // one after the other: a restore holds its whole site until it ends (a lease), here at its input check
        ProcessInstance unknown = startAndCheckInput("lab", "lab-20200101T000000Z", "everything");
        ProcessInstance otherSite = startAndCheckInput("lab", charmed, "database");
        ProcessInstance notVerified = startAndCheckInput("lab", unverified, "database");
        ProcessInstance noConfig = startAndCheckInput("lab", unverified, "config");
        ProcessInstance brokenChain = startAndCheckInput("lab", afterGap, "database");
        ProcessInstance unknownBase = startAndCheckInput("lab", noBase, "database");

        assertThat(unknown).isEnded().hasPassed(DrRestore.Elements.END_INPUT_REJECTED);
        assertThat(runbooks.summary(unknown)).contains("scope \"everything\" is not one of database, config, full")
                .contains("backup \"lab-20200101T000000Z\" is not in the backup catalogue");
        assertThat(runbooks.summary(otherSite)).contains("backup " + charmed + " is of site lab-charmed, not of lab");
        assertThat(runbooks.summary(notVerified)).contains("(cc01:/var/lib/docker/volumes/mariadb_backup/_data/" + NIGHTLY + ") was never verified");
        assertThat(runbooks.summary(noConfig)).contains("holds no KOLLA_CONFIG artefact");
        assertThat(runbooks.summary(brokenChain)).contains("the incremental of backup " + pruned + " between the full backup " + base
                + " and backup " + afterGap + " was pruned from its host: the chain is broken");
        assertThat(runbooks.summary(unknownBase)).contains("does not record the full backup it builds on");
        assertThat(site.destructiveActions()).isEqualTo(before);
    }

    @Test
    void anApproverMayRefuseToLoseTheData() {
        ProcessInstance run = start("lab", kollaBackup(Duration.ofHours(40), false), "database");
        runbooks.runJobs();
        approve(run, APPROVE_DATA_LOSS, "anna", false, "a younger backup exists on the tape");
        runbooks.runJobs();

        assertThat(run).isEnded().hasPassed(DrRestore.Elements.END_DATA_LOSS_REJECTED).hasNotPassed(CONFIRM_INFRASTRUCTURE);
        assertThat(runbooks.summary(run)).contains("NOT done: the loss of 40 h of data was not accepted by anna (\"a younger backup exists on the tape\")");
    }

    @Test
    void infrastructureThatIsNotReadyEndsTheRunUntouched() {
        Map<String, Long> before = lab.require("lab").destructiveActions();
        ProcessInstance run = start("lab", kollaBackup(Duration.ofHours(1), false), "database");
        runbooks.runJobs();
        decide(run, CONFIRM_INFRASTRUCTURE, "omar", "not-ready", "cc02 still in the rack");
        runbooks.runJobs();

        assertThat(run).isEnded().hasPassed(DrRestore.Elements.END_INFRASTRUCTURE_NOT_READY).hasNotPassed(APPROVE_RESTORE);
        assertThat(runbooks.summary(run)).contains("the replacement infrastructure is not ready (\"cc02 still in the rack\")");
        assertThat(lab.require("lab").destructiveActions()).isEqualTo(before);
    }

    @Test
    void aRejectedRestoreChangesNothingAndTheInitiatorCannotApprove() {
        Map<String, Long> before = lab.require("lab").destructiveActions();
        ProcessInstance run = start("lab", kollaBackup(Duration.ofHours(1), false), "database");
        runbooks.runJobs();
        decide(run, CONFIRM_INFRASTRUCTURE, "omar", "ready", "ok");

        assertThat(runbooks.tryApprove(run, APPROVE_RESTORE, "olga")).isFalse();
        approve(run, APPROVE_RESTORE, "anna", false, "not during the freeze");
        runbooks.runJobs();

        assertThat(run).isEnded().hasPassed(DrRestore.Elements.END_RESTORE_REJECTED);
        assertThat(runbooks.summary(run)).contains("the restore was rejected by anna (\"not during the freeze\")");
        assertThat(lab.require("lab").destructiveActions()).isEqualTo(before);
    }

    // ---- failures -----------------------------------------------------------------------------------------------------

    @Test
    void aFailedCopyBackGoesToAnOpsLeadWhoRetriesFromThatStep() {
        // given the copy-back fails once on cc01
        LabSite site = lab.require("lab");
        LabFault fault = site.injectFault(new LabFault("", FaultType.RESTORE_FAILS, "cc01", "", 1));
        Map<String, Long> before = site.destructiveActions();
        ProcessInstance run = approvedRun(kollaBackup(Duration.ofHours(5), false), "database");

        // when the run reaches the failed restore
        runUntilTask(run, AwaitOperation.DECIDE);
        assertThat((String) tasks.getVariable(runbooks.task(run, AwaitOperation.DECIDE).getId(), "operationDetail")).contains("HOSTS_FAILED")
                .contains("failed to copy back");

        // then a retry restarts from the copy-back only: the stop is not run again
        decide(run, AwaitOperation.DECIDE, "omar", "retry", "datadir emptied by hand");
        runUntilEnd(run);
        assertThat(run).hasPassed(DrRestore.Elements.PREPARE_RETRY, DrRestore.Elements.END_SITE_RESTORED);
        assertThat(delta(site, before, "kolla-stop")).isEqualTo(1);
        assertThat(delta(site, before, "mariadb-restore")).isEqualTo(2);
        assertThat(runbooks.steps(run)).extracting(StepRecord::result).contains("skipped: done in an earlier attempt of this run", "attempt 2");
        site.removeFault(fault.id());
    }

    @Test
    void anOpsLeadMayAbandonAFailedRestore() {
        lab.require("lab").injectFault(LabFault.of(FaultType.DEPLOY_FAILS, "cc02"));
        ProcessInstance run = approvedRun(kollaBackup(Duration.ofHours(5), false), "database");
        runUntilTask(run, AwaitOperation.DECIDE);

        decide(run, AwaitOperation.DECIDE, "omar", "abandon", "finishing by hand, ticket OPS-78");
        runbooks.runJobs();

        assertThat(run).isEnded().hasPassed(DrRestore.Elements.END_RESTORE_ABANDONED).hasNotPassed(DrRestore.Elements.VERIFY_SERVICES);
        assertThat(runbooks.summary(run)).contains("ABANDONED by an ops lead (\"finishing by hand, ticket OPS-78\")").contains("cc02")
                .contains("Steps that ended well: Task_StopAffectedServices, Task_RestoreDatabases, Task_RecoverDatabaseCluster");
        assertThat(runbooks.variable(run, "restored")).isEqualTo(false);
    }

    @Test
    void everyDetachedStepThatFailsIsDecidedByAnOpsLeadAndRetriedFromThatStep() {
        // given cc02 unreachable when the control plane is to be stopped
        LabSite site = lab.require("lab");
        String backup = kollaBackup(Duration.ofHours(5), false);
        Map<String, Long> atBackup = site.backup().tableRowsAt("volume:mariadb_backup/" + NIGHTLY).orElseThrow();
        Map<String, Long> before = site.destructiveActions();
        ProcessInstance run = start("lab", backup, "database");
        runbooks.runJobs();
        decide(run, CONFIRM_INFRASTRUCTURE, "omar", "ready", "ok");
        LabFault unreachable = site.injectFault(LabFault.of(FaultType.HOST_UNREACHABLE, "cc02"));
        approve(run, APPROVE_RESTORE, "anna", true, "go");

        // when the stop fails, the ops lead is asked in the wait, with what the run found; cc02 back, she retries
        runUntilTask(run, AwaitOperation.DECIDE);
        assertThat((String) tasks.getVariable(runbooks.task(run, AwaitOperation.DECIDE).getId(), "operationDetail")).contains("cc02");
        site.removeFault(unreachable.id());
        decide(run, AwaitOperation.DECIDE, "omar", "retry", "cc02 cabled again");

        // and the Galera recovery fails once, then the computes' redeploy once: each retried from that step
        runUntil(run, DrRestore.Elements.RECOVER_DATABASE_CLUSTER);
        site.injectFault(new LabFault("", FaultType.RESTORE_FAILS, "cc01", "", 1));
        runUntilTask(run, AwaitOperation.DECIDE);
        decide(run, AwaitOperation.DECIDE, "omar", "retry", "grastate.dat fixed by hand");
        runUntil(run, DrRestore.Elements.RESYNC_COMPUTES);
        site.injectFault(new LabFault("", FaultType.DEPLOY_FAILS, "cn01", "", 1));
        runUntilTask(run, AwaitOperation.DECIDE);
        decide(run, AwaitOperation.DECIDE, "omar", "retry", "cn01's docker restarted");
        runUntilEnd(run);

        // then the stop ran twice, the copy-back once, the recovery twice, the deploys three times; the site is restored
        assertThat(run).hasPassed(DrRestore.Elements.PREPARE_RETRY, DrRestore.Elements.END_SITE_RESTORED);
        assertThat(delta(site, before, "kolla-stop")).isEqualTo(2);
        assertThat(delta(site, before, "mariadb-restore")).isEqualTo(1);
        assertThat(delta(site, before, "kolla-mariadb-recovery")).isEqualTo(2);
        assertThat(delta(site, before, "kolla-deploy")).isEqualTo(3);
        assertThat(site.backup().keyTableRows()).isEqualTo(atBackup);
        assertThat(runbooks.steps(run)).extracting(StepRecord::result).contains("attempt 2", "attempt 3", "attempt 4")
                .filteredOn(r -> r.startsWith("retry (by omar)")).hasSize(3);
        assertThat(runbooks.variable(run, "verified")).isEqualTo(true);
    }

    @Test
    void aFailedDumpRestoreOfACharmedSiteGoesToAnOpsLeadWhoRetriesIt() {
        // given the charm's restore-mysqldump fails once
        LabSite site = lab.require("lab-charmed");
        String backup = charmedBackup(Duration.ofHours(3));
        Map<String, Long> before = site.destructiveActions();
        LabFault fault = site.injectFault(new LabFault("", FaultType.RESTORE_FAILS, "", "", 1));
        ProcessInstance run = start("lab-charmed", backup, "database");
        runbooks.runJobs();
        decide(run, CONFIRM_INFRASTRUCTURE, "omar", "ready", "juju machines up");
        approve(run, APPROVE_RESTORE, "anna", true, "go");

        // when it failed, the ops lead reads why and retries
        runUntilTask(run, DECIDE_RESTORE_FAILURE);
        assertThat((String) tasks.getVariable(runbooks.task(run, DECIDE_RESTORE_FAILURE).getId(), "failure")).contains("restore-mysqldump failed");
        decide(run, DECIDE_RESTORE_FAILURE, "omar", "retry", "mysqld restarted on the leader");
        runUntilEnd(run);

        // then the dump was restored on the second try, the units paused once, and the site restored
        assertThat(run).hasPassed(DrRestore.Elements.PREPARE_RETRY, DrRestore.Elements.END_SITE_RESTORED);
        assertThat(delta(site, before, "juju-action-restore-mysqldump")).isEqualTo(2);
        assertThat(delta(site, before, "juju-action-pause")).isPositive().isEqualTo(delta(site, before, "juju-action-resume"));
        assertThat(runbooks.summary(run)).contains("restored (database)").contains("nova.instances: backup 22, restored 22");
        site.removeFault(fault.id());
    }

    @Test
    void aRowCountMismatchIsShownToAnOpsLeadWhoMayAcceptIt() {
        lab.require("lab").injectFault(LabFault.of(FaultType.RESTORE_INCOMPLETE, "nova.instances"));
        ProcessInstance run = approvedRun(kollaBackup(Duration.ofHours(5), false), "database");
        runUntilTask(run, DECIDE_ROW_MISMATCH);
        assertThat((String) tasks.getVariable(runbooks.task(run, DECIDE_ROW_MISMATCH).getId(), "rowCheck")).contains("nova.instances: backup").contains("<-- DIFFERS");

        lab.require("lab").clearFaults();
        decide(run, DECIDE_ROW_MISMATCH, "omar", "accept", "the missing row is the test VM deleted before the backup finished");
        runUntilEnd(run);

        assertThat(run).hasPassed(DrRestore.Elements.END_SITE_RESTORED);
        assertThat(runbooks.summary(run)).contains("<-- DIFFERS");
    }

    @Test
    void aRowCountMismatchMayAbandonTheRestore() {
        lab.require("lab").injectFault(LabFault.of(FaultType.RESTORE_INCOMPLETE, ""));
        ProcessInstance run = approvedRun(kollaBackup(Duration.ofHours(5), false), "database");
        runUntilTask(run, DECIDE_ROW_MISMATCH);

        decide(run, DECIDE_ROW_MISMATCH, "omar", "abandon", "rows missing everywhere: wrong backup");
        runbooks.runJobs();

        assertThat(run).isEnded().hasPassed(DrRestore.Elements.END_MISMATCH_NOT_ACCEPTED, DrRestore.Elements.END_RESTORE_ABANDONED)
                .hasNotPassed(DrRestore.Elements.REDEPLOY_CONTROLLERS);
        assertThat(runbooks.summary(run)).contains("ABANDONED").contains("<-- DIFFERS");
    }

    @Test
    void aCloudThatFailsVerificationIsRestoredButNotVerified() {
        LabSite site = lab.require("lab");
        ProcessInstance run = approvedRun(kollaBackup(Duration.ofHours(5), false), "database");
        runUntil(run, DrRestore.Elements.VERIFY_SERVICES);
        site.injectFault(LabFault.of(FaultType.VOLUME_SERVICE_DOWN, ""));
        runUntilEnd(run);

        assertThat(run).hasPassed(DrRestore.Elements.END_RESTORED_NOT_VERIFIED).hasNotPassed(DrRestore.Elements.END_SITE_RESTORED);
        assertThat(runbooks.variable(run, "verified")).isEqualTo(false);
        assertThat(runbooks.summary(run)).contains("and NOT verified").contains("(down: ");
    }

    @Test
    void theEscalationsGoOutAtTwoThreeAndFourHoursAndTheSummaryShowsTheMissedRto() {
        // given a restore that waits for its approval for hours
        ProcessInstance run = start("lab", kollaBackup(Duration.ofHours(5), false), "database");
        runbooks.runJobs();
        decide(run, CONFIRM_INFRASTRUCTURE, "omar", "ready", "ok");
        Instant started = Instant.parse((String) runtime.getVariable(run.getId(), "restoreStartedAt"));

        // when each escalation is due
        for (String acknowledge : List.of(ACKNOWLEDGE_FIRST_ESCALATION, ACKNOWLEDGE_SECOND_ESCALATION, ACKNOWLEDGE_RTO_BREACHED)) {
            Job timer = management.createJobQuery().processInstanceId(run.getId()).timers().orderByJobDuedate().asc().list().get(0);
            ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(1)));
            management.executeJob(timer.getId());
            runbooks.runJobs();
            assertThat(runbooks.task(run, acknowledge)).as(acknowledge).isNotNull();
            assertThat(runbooks.task(run, acknowledge)).hasCandidateGroup(Roles.OPS_LEADS);
            decide(run, acknowledge, "omar", "acknowledged", "on it");
        }

        // then each went out with how long the run has taken, and the run goes on; finished late, it says it MISSED the RTO
        assertThat(Duration.between(started, ClockUtil.getCurrentTime().toInstant())).isGreaterThan(Duration.ofHours(4));
        assertThat(runbooks.steps(run)).filteredOn(s -> s.step().startsWith("Task_Notify")).extracting(StepRecord::result)
                .containsExactly("DR restore of lab still running after 2 h 0 min", "DR restore of lab still running after 3 h 0 min",
                        "DR restore of lab has MISSED its RTO after 4 h 0 min");
        approve(run, APPROVE_RESTORE, "anna", true, "late but go");
        runUntilEnd(run);
        assertThat(runbooks.variable(run, "rtoMet")).isEqualTo(false);
        assertThat(runbooks.summary(run)).contains("the 4 h objective was MISSED");
    }

    @Test
    void anUnreadableCatalogueEntryIsATechnicalFailureNotARejection() {
        LabSite site = lab.require("lab");
        String backup = kollaBackup(Duration.ofHours(1), false);
        ProcessInstance run = approvedRun(backup, "database");
        LabFault down = site.injectFault(LabFault.of(FaultType.HOST_UNREACHABLE, "cc01"));

        runUntil(run, DrRestore.Elements.RESTORE_DATABASES);
        for (int i = 0; i < 3; i++) {
            management.createJobQuery().processInstanceId(run.getId()).activityId(DrRestore.Elements.RESTORE_DATABASES).list()
                    .forEach(j -> assertThatThrownBy(() -> management.executeJob(j.getId())).isInstanceOf(RuntimeException.class));
        }

        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult().getIncidentMessage())
                .contains("cannot restore MariaDB on mariadb[0]: cc01 cannot be listed: unreachable");
        site.removeFault(down.id());
        runtime.deleteProcessInstance(run.getId(), "test over");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    /** A backup-site run (databases) on the site at {@code at} on the engine's clock, the lab's a day on: its set. */
    private BackupSet nightlyBackup(String site, Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        runbooks.advance(Duration.ofDays(1));
        ProcessInstance backup = runtime.startProcessInstanceByKey("backup-site", Map.of("site", site, "scope", "databases"));
        for (int i = 0; i < 60 && runtime.createProcessInstanceQuery().processInstanceId(backup.getId()).count() > 0; i++) {
            runbooks.runJobs();
            management.createJobQuery().activityId(AwaitOperation.WAIT).timers().list().forEach(j -> management.executeJob(j.getId()));
            runbooks.advance(Duration.ofMinutes(2));
        }
        assertThat(backup).isEnded();
        assertThat(runbooks.variable(backup, "backupComplete")).isEqualTo(true);
        return catalogue.find((String) runbooks.variable(backup, "backupId")).orElseThrow();
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private String kollaBackup(Duration age, boolean withConfig) {
        LabSite site = lab.require("lab");
        List<Artefact> artefacts = new ArrayList<>(List.of(mariadb(age, true)));
        if (withConfig) {
            site.backup().archive(CONFIG_ARCHIVE, List.of("/etc/kolla"));
            artefacts.add(new Artefact(ArtefactKind.KOLLA_CONFIG, "deploy01", CONFIG_ARCHIVE, 4096, "ab".repeat(32), now().minus(age), true, Map.of()));
        }
        return record("lab", artefacts);
    }

    private Artefact mariadb(Duration age, boolean verified) {
        Map<String, Long> rows = lab.require("lab").backup().tableRowsAt("volume:mariadb_backup/" + NIGHTLY).orElseThrow();
        return new Artefact(ArtefactKind.MARIADB_FULL, "cc01", "/var/lib/docker/volumes/mariadb_backup/_data/" + NIGHTLY, 157286400, "cd".repeat(32),
                now().minus(age), verified, rows);
    }

    /** An incremental mariabackup of {@code lab}, built on the full backup of set {@code base}. */
    private Artefact incremental(Duration age, String base) {
        Map<String, Long> rows = lab.require("lab").backup().tableRowsAt("volume:mariadb_backup/" + NIGHTLY).orElseThrow();
        return new Artefact(ArtefactKind.MARIADB_INCREMENTAL, "cc01", "/var/lib/docker/volumes/mariadb_backup/_data/incremental-" + SETS.incrementAndGet()
                + ".qp.xbc.xbs.gz", 4718592, "12".repeat(32), now().minus(age), true, rows, base);
    }

    private String charmedBackup(Duration age) {
        LabSite site = lab.require("lab-charmed");
        ActionOutcome dump = site.juju().runAction("mysql-innodb-cluster/0", "mysqldump", Map.of());
        Map<String, Long> rows = site.backup().tableRowsAt(dump.results().get("mysqldump-file")).orElseThrow();
        String file = "/var/backups/dayshift/lab-charmed-" + SETS.incrementAndGet() + "/mysqldump.gz"; // where backup-site copies it
        site.kolla().copyFile(dump.results().get("mysqldump-file"), file);
        String controller = "/var/backups/juju/juju-backup-" + SETS.incrementAndGet() + ".tar.gz";
        site.juju().createControllerBackup(controller);
        return record("lab-charmed", List.of(
                new Artefact(ArtefactKind.MYSQL_DUMP, "127.0.0.1", file, 48213504, "ef".repeat(32), now().minus(age), true, rows),
                new Artefact(ArtefactKind.JUJU_CONTROLLER, "jump", controller, 31457280, "01".repeat(32), now().minus(age), true, Map.of())));
    }

    private String record(String site, List<Artefact> artefacts) {
        Instant startedAt = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(SETS.incrementAndGet());
        String id = BackupSet.idFor(site, startedAt);
        catalogue.record(new BackupSet(id, site, site.equals("lab") ? "kolla" : "charmed", "full", "backup-run-" + id, startedAt,
                startedAt.plusSeconds(600), artefacts, List.of()));
        return id;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    private ProcessInstance approvedRun(String backup, String scope) {
        ProcessInstance run = start("lab", backup, scope);
        runbooks.runJobs();
        decide(run, CONFIRM_INFRASTRUCTURE, "omar", "ready", "ok");
        approve(run, APPROVE_RESTORE, "anna", true, "go");
        return run;
    }

    private ProcessInstance start(String site, String backupId, String scope) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("site", site);
        variables.put("backupId", backupId);
        variables.put("scope", scope);
        ProcessInstance run = runbooks.start("olga", PROCESS_KEY, variables);
        assertThat(run).isStarted();
        return run;
    }

    private static long delta(LabSite site, Map<String, Long> before, String action) {
        return site.destructiveActions().getOrDefault(action, 0L) - before.getOrDefault(action, 0L);
    }

    /** One round of the waits: fires their timers (never an escalation's), runs the jobs, and lets two minutes of lab time pass. */
    private void tick() {
        tick(null);
    }

    /** As {@link #tick()}, but stops at the job of {@code stopAt}, returning true when it waits. */
    private boolean tick(String stopAt) {
        for (String wait : List.of(AwaitOperation.WAIT)) {
            management.createJobQuery().activityId(wait).timers().list().forEach(j -> management.executeJob(j.getId()));
        }
        boolean reached = runbooks.runJobsUntil(stopAt);
        runbooks.advance(Duration.ofMinutes(2));
        return reached;
    }

    private void runUntilTask(ProcessInstance run, String key) {
        for (int i = 0; i < 60; i++) {
            runbooks.runJobs();
            if (runbooks.task(run, key) != null) {
                return;
            }
            tick();
        }
        throw new AssertionError("run never reached " + key + "; it is at " + runtime.getActiveActivityIds(run.getId()));
    }

    private void runUntil(ProcessInstance run, String activityId) {
        for (int i = 0; i < 60; i++) {
            if (runbooks.runJobsUntil(activityId) || tick(activityId)) {
                return;
            }
        }
        throw new AssertionError("run never reached " + activityId);
    }

    private void runUntilEnd(ProcessInstance run) {
        for (int i = 0; i < 60 && runtime.createProcessInstanceQuery().processInstanceId(run.getId()).count() > 0; i++) {
            runbooks.runJobs();
            if (runtime.createProcessInstanceQuery().processInstanceId(run.getId()).count() == 0) {
                break;
            }
            tick();
        }
        assertThat(run).isEnded();
    }

    private void approve(ProcessInstance run, String key, String user, boolean approved, String reason) {
        runbooks.approve(run, key, user, approved, reason);
        runbooks.runJobs();
    }

    private void decide(ProcessInstance run, String key, String user, String decision, String note) {
        runbooks.decide(run, key, user, decision, note);
        runbooks.runJobs();
    }
}
