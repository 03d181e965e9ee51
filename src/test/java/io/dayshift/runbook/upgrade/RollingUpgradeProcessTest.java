package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.upgrade.RollingUpgrade.*;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Batch.DECIDE_DRAIN_FAILURE;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Batch.DECIDE_HOST_FAILURE;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Batch.DECIDE_WINDOW_CLOSED;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Batch.DRAIN_HOST;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Batch.START_BATCH_UPGRADE;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Batch.VERIFY_HOST_RELEASE;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.dayshift.access.Roles;
import io.dayshift.backup.Artefact;
import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.PlaybookRun;
import io.dayshift.lease.Lease;
import io.dayshift.lease.LeaseStore;
import io.dayshift.lease.LeaseWaits;
import io.dayshift.runbook.await.AwaitLease;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.await.Operation;
import io.dayshift.runbook.drain.MigrationProbe;
import io.dayshift.runbook.drain.ReturnComputeNode;
import io.dayshift.runbook.smoke.SmokeTestInstance;
import io.dayshift.runbook.upgrade.RollingUpgrade.Batch;
import io.dayshift.runbook.upgrade.RollingUpgrade.Rollback;
import io.dayshift.runbook.upgrade.RollingUpgrade.Step;
import io.dayshift.testing.Http;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code rolling-upgrade} on the built-in lab through the production adapters, one method per path. Every test that changes
 * a site has a lab site of its own (the small kolla or charmed topology under another name), so the tests do not see each
 * other's upgrades. The job executor is off: each test runs the jobs (of the run and of the runs it calls: site health
 * check, backup, drains, returns), fires the wait loops' timers and moves the lab's clock between two looks. The class
 * covers every flow node and sequence flow of the model (process-test coverage, report under
 * {@code target/process-test-coverage/}).
 *
 * <p>The lab's default topology grades GREEN with the shipped thresholds; a test that needs it not green makes it so with a
 * fault.
 */
@RunbookProcessTest(clock = "2025-06-02T08:00:00Z", timeFactor = "0.01",
        uncovered = {HEALTH_CHECK_KEY, BACKUP_KEY, DRAIN_KEY, RETURN_KEY, AwaitOperation.PROCESS_KEY, SmokeTestInstance.PROCESS_KEY})
class RollingUpgradeProcessTest extends ProcessTestFixture {

    private static final List<String> KOLLA_SITES = List.of("k-happy", "k-retry", "k-rollback", "k-nightly", "k-rb-stop", "k-rb-restore", "k-rb-recovery", "k-rb-reconfigure",
            "k-message", "k-reject",
            "k-stop-prepare", "k-stop-window", "k-stop-drain", "k-stop-host", "k-stop-smoke", "k-disabled", "k-lease", "k-lease-give-up");
    private static final List<String> CHARMED_SITES = List.of("c-happy", "c-handover", "c-finish");

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/small-kolla.yaml");
        registry.add("dayshift.lab.sites.lab-charmed", () -> "lab/small-charmed.yaml");
        KOLLA_SITES.forEach(s -> registry.add("dayshift.lab.sites." + s, () -> "lab/small-kolla.yaml"));
        CHARMED_SITES.forEach(s -> registry.add("dayshift.lab.sites." + s, () -> "lab/small-charmed.yaml"));
        registry.add("dayshift.runbooks.rolling-upgrade.check-interval", () -> "PT10S");
        registry.add("dayshift.runbooks.drain-compute-node.check-interval", () -> "PT10S");
        registry.add("dayshift.retries.openstack", () -> "R1/PT1S");
    }

    @Autowired
    BackupCatalogue catalogue;
    @Autowired
    LeaseStore leases;
    @Autowired
    LeaseWaits waits;

    @BeforeEach
    void setUp() {
        runbooks.user("olga", Roles.OPS_LEADS, Roles.APPROVERS);
        runbooks.user("anna", Roles.APPROVERS);
        runbooks.user("omar", Roles.OPS_LEADS);
    }

    // ---- happy paths ----------------------------------------------------------------------------------------------

    @Test
    void kollaUpgradesTheControlPlaneThenTheCanaryThenBatchesPerZone() {
        // given the kolla site on 2023.2, healthy
        LabSite site = lab.require("k-happy");

        // when an ops lead starts the upgrade to the next release with a canary and batches of one (each zone has three hosts:
        // two drained at once would not fit on the third)
        Map<String, Long> before = site.destructiveActions();
        ProcessInstance pi = start("k-happy", "2024.1", 1, "cn06");
        runUntilTask(pi, APPROVE_PLAN);

        // then the run is named by its site and release, and its approval says what is decided, due when the window ends
        assertThat(pi.getBusinessKey()).isEqualTo("upgrade k-happy → 2024.1");
        Task approval = runbooks.task(pi, APPROVE_PLAN);
        assertThat(approval.getName()).isEqualTo("Approve upgrade plan — upgrade k-happy → 2024.1");
        assertThat(approval.getDueDate()).isEqualTo(Date.from(OffsetDateTime.parse((String) runtime.getVariable(pi.getId(), "windowEnd")).toInstant()));

        // and before the approval the site was only read: it is green, and the plan says what the approval lets happen
        assertThat(pi).hasPassed(VALIDATE_INPUT, CHECK_SITE_HEALTH).hasNotPassed(BACKUP_SITE, PREPARE);
        assertThat(site.destructiveActions()).isEqualTo(before);
        assertThat(site.kolla().globalsRelease()).contains("2023.2");
        assertThat(site.kolla().playbookRuns()).isEmpty();
        String plan = (String) runtime.getVariable(pi.getId(), "planSummary");
        assertThat(plan).contains("2023.2 → 2024.1").contains("After this approval: a backup of the site")
                .contains("prepare-1: openstack_release: \"2024.1\" in globals.yml (was 2023.2)")
                .contains("prepare-2: kolla-ansible pull (the 2024.1 images, on every host of the inventory)")
                .contains("kolla-ansible upgrade --limit control,loadbalancer")
                .contains("kolla-ansible upgrade --limit network").contains("1. canary zone az2: cn06").contains("2. zone az1: cn01")
                .contains("4. zone az1: cn03").contains("6. zone az2: cn05");

        // when another user approves, and the window is open
        approve(pi, APPROVE_PLAN, "anna", true, "CAB-1234 approved the upgrade");
        runUntilEnd(pi);

        // then the backup was taken first, then (the window open) globals named 2024.1, images were pulled and prechecks ran
        assertThat(calledRuns(pi, Step.PROCESS_KEY)).as("three preparation steps, two of the control plane").hasSize(5)
                .allSatisfy(step -> assertThat(run(step)).hasPassed(Step.START, Step.END_DONE));
        assertThat(site.kolla().playbookRuns()).extracting(PlaybookRun::action).startsWith("mariadb_backup", "pull", "prechecks", "upgrade");
        assertThat((String) variable(pi, "backupId")).startsWith("k-happy-");

        // then the control plane went first, then the canary, then one batch at a time, and every host runs 2024.1
        assertThat(pi).hasPassed(SUMMARISE_UPGRADE, END_SITE_UPGRADED, CHECK_UPGRADED_SITE_HEALTH, SMOKE_TEST).hasNotPassed(APPROVE_ROLLBACK);
        assertThat(calledRuns(pi, SmokeTestInstance.PROCESS_KEY)).singleElement().satisfies(smoke -> assertThat(run(smoke)).hasPassed(SmokeTestInstance.PASSED_END));
        List<String> batches = List.of(ids(calledRuns(pi, Batch.PROCESS_KEY)));
        assertThat(batches).hasSize(6);
        assertThat(history.createHistoricTaskInstanceQuery().taskDefinitionKey(DECIDE_WINDOW_CLOSED).list()).noneMatch(t -> batches.contains(t.getProcessInstanceId()));
        List<PlaybookRun> upgrades = site.kolla().playbookRuns().stream().filter(r -> r.action().equals("upgrade")).toList();
        assertThat(upgrades).extracting(PlaybookRun::limit).containsExactly(List.of("control", "loadbalancer"), List.of("network"), List.of("cn06"),
                List.of("cn01"), List.of("cn02"), List.of("cn03"), List.of("cn04"), List.of("cn05"));
        assertThat(site.kolla().hostReleases().values()).containsOnly("2024.1");
        assertThat(site.nova().hypervisors()).allMatch(h -> h.enabled() && h.up());
        // and no drain asked for an approval of its own: the plan's approval covered them
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(pi.getId()).taskDefinitionKey(APPROVE_PLAN).count()).isOne();
        List<String> drains = List.of(ids(calledRuns(pi, DRAIN_KEY)));
        assertThat(drains).hasSize(6);
        assertThat(calledRuns(pi, DRAIN_KEY)).extracting(HistoricProcessInstance::getBusinessKey)
                .contains("drain cn06 @ k-happy (upgrade k-happy → 2024.1)", "drain cn01 @ k-happy (upgrade k-happy → 2024.1)");
        drains.forEach(d -> assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(d).taskDefinitionKey("Task_ApprovePlan").count())
                .as("approval tasks of drain " + d).isZero());
        assertThat(variable(pi, "upgraded")).isEqualTo(true);
        assertThat(summary(pi)).contains("upgraded").contains("2024.1 (6): cn01, cn02, cn03, cn04, cn05, cn06").contains("approved by anna");
        assertThat(site.nova().instances()).noneMatch(i -> i.name().startsWith("dayshift-upgrade-smoke"));
    }

    @Test
    void aHostDisabledBeforeTheUpgradeIsListedInThePlanUpgradedAndLeftDisabledWithItsReason() {
        // given cn06 disabled by an operator for hardware work before the upgrade
        LabSite site = lab.require("k-disabled");
        site.nova().disableComputeService("cn06", "RAM replacement, ticket HW-12");

        // when the upgrade is planned
        ProcessInstance pi = start("k-disabled", "2024.1", 1, "cn06");
        runUntilTask(pi, APPROVE_PLAN);

        // then the approver reads that it will be upgraded and left disabled
        assertThat((String) runtime.getVariable(pi.getId(), "planSummary"))
                .contains("Disabled before this upgrade, drained and upgraded with their batch, then LEFT DISABLED with their reason:\n"
                        + "  cn06: \"RAM replacement, ticket HW-12\"");

        // when it is approved and runs (with cn06 out, az2 cannot keep its reserve while cn04 or cn05 is drained: the ops lead
        // lets the upgrade proceed with the instances left on them)
        approve(pi, APPROVE_PLAN, "anna", true, "CAB-1235");
        proceedWithoutCapacity = true;
        runUntilEnd(pi);

        // then every host runs 2024.1, cn06 is still disabled with the operator's reason, every other host is back in service
        assertThat(pi).hasPassed(END_SITE_UPGRADED);
        assertThat(site.kolla().hostReleases().values()).containsOnly("2024.1");
        assertThat(site.nova().hypervisor("cn06").orElseThrow().enabled()).isFalse();
        assertThat(site.nova().hypervisor("cn06").orElseThrow().disabledReason()).isEqualTo("RAM replacement, ticket HW-12");
        assertThat(site.nova().hypervisors()).filteredOn(h -> !h.hostname().equals("cn06")).allMatch(h -> h.enabled() && h.up());
        List<String> returns = List.of(ids(calledRuns(pi, RETURN_KEY)));
        assertThat(returns).anySatisfy(r -> assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(r)
                .activityId(ReturnComputeNode.Elements.END_HOST_KEPT_DISABLED).count()).isOne());
    }

    @Test
    void charmedUpgradesApplicationsInCouOrderUnitsPerBatchAndAsksToContinueWhenTheWindowCloses() {
        // given the charmed site on 2023.2
        LabSite site = lab.require("c-happy");

        // when the upgrade starts with batches of one and no canary
        ProcessInstance pi = start("c-happy", "2024.1", 1, "", now().minusMinutes(5), now().plusHours(3));
        runUntilTask(pi, APPROVE_PLAN);
        String plan = (String) runtime.getVariable(pi.getId(), "planSummary");

        // then the plan has the subordinates first, then the principals in cou's order, nova-compute unit by unit last
        assertThat(plan).contains("every unit of model openstack active and idle");
        assertThat(plan.indexOf("juju refresh cinder-ceph")).isLessThan(plan.indexOf("juju refresh keystone"));
        assertThat(plan.indexOf("juju refresh keystone")).isLessThan(plan.indexOf("juju refresh cinder --channel"));
        assertThat(plan.indexOf("juju refresh glance")).isLessThan(plan.indexOf("juju refresh placement"));
        assertThat(plan.indexOf("juju refresh placement")).isLessThan(plan.indexOf("juju refresh nova-cloud-controller"));
        assertThat(plan).contains("juju config nova-compute action-managed-upgrade=true; juju refresh nova-compute --channel 2024.1/stable")
                .contains("1. zone az1: cn01").contains("6. zone az2: cn06").contains("remaining data-plane").contains("juju refresh neutron-api --channel 2024.1/stable")
                .contains("Left on their channels").contains("vault (1.8/stable)");
        approve(pi, APPROVE_PLAN, "anna", true, "CAB-77");

        // and when the window closes after the first batch, an ops lead decides to continue
        runUntil(pi, START_BATCH_UPGRADE, RollingUpgradeProcessTest::closeTheWindow, 0);
        runUntilTask(pi, DECIDE_WINDOW_CLOSED);
        decide(pi, DECIDE_WINDOW_CLOSED, "omar", CONTINUE, "the second zone is quiet, finishing tonight");
        // (every later batch asks again: each one starts only on an ops lead's word once the window is over)
        for (int batch = 3; batch <= 6; batch++) {
            runUntilTask(pi, DECIDE_WINDOW_CLOSED);
            decide(pi, DECIDE_WINDOW_CLOSED, "omar", CONTINUE, "batch " + batch + " too");
        }
        runUntilEnd(pi);

        // then every OpenStack application tracks 2024.1/stable, nova-compute units were paused, upgraded and resumed
        assertThat(pi).hasPassed(END_SITE_UPGRADED, FINISH_DATA_PLANE);
        assertThat(site.juju().application("keystone").orElseThrow().channel()).isEqualTo("2024.1/stable");
        assertThat(site.juju().application("nova-compute").orElseThrow().channel()).isEqualTo("2024.1/stable");
        assertThat(site.juju().application("nova-compute").orElseThrow().config()).containsEntry("action-managed-upgrade", "true");
        assertThat(site.juju().application("keystone").orElseThrow().config()).containsEntry("openstack-origin", "cloud:jammy-caracal");
        assertThat(site.juju().application("neutron-api").orElseThrow().channel()).isEqualTo("2024.1/stable");
        assertThat(site.juju().application("vault").orElseThrow().channel()).isEqualTo("1.8/stable");
        assertThat(site.destructiveActions()).containsEntry("juju-action-openstack-upgrade", 6L).containsEntry("juju-action-pause", 6L);
        assertThat(summary(pi)).contains("upgraded").contains("2024.1 (6)");
        assertThat(steps(pi)).contains("continue (by omar)");
    }

    // ---- refusals before anything changes --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "lab|2024.2|2|6|2023.2 is not a SLURP release, so only the next release may follow; upgrade to 2024.1 first",
            "lab|2025.1|2|6|skips releases",
            "lab|2023.1|2|6|a rolling upgrade never downgrades",
            "lab|2023.2|2|6|there is nothing to upgrade",
            "lab|caracal|2|6|targetRelease: 'caracal' is not an OpenStack release such as 2024.1",
            "lab|2024.1|0|6|the batch size must be 1 to 20",
            "lab|2024.1|2|1|less than 2 h from now",
            "lab-charmed|2024.2|2|6|upgrade to 2024.1 first",
            "nowhere|2024.1|2|6|there is no site 'nowhere'"})
    void refusesBadInputAndSkippedReleasesBeforeAnyChange(String site, String target, long batch, long windowHours, String message) {
        // given a site on 2023.2
        Map<String, Long> before = lab.find(site).map(LabSite::destructiveActions).orElse(Map.of());

        // when the upgrade is started with this input
        ProcessInstance pi = start(site, target, batch, "", now(), now().plusHours(windowHours));
        runJobs();

        // then it ends at once with the reason, and nothing was touched
        assertThat(pi).isEnded().hasPassed(END_INPUT_REJECTED).hasNotPassed(CHECK_SITE_HEALTH);
        assertThat(summary(pi)).startsWith("Input rejected, nothing was changed").contains(message);
        lab.find(site).ifPresent(s -> assertThat(s.destructiveActions()).isEqualTo(before));
    }

    @Test
    void refusesAWindowThatEndsBeforeItStartsAndAnUnknownCanary() {
        ProcessInstance pi = start("lab", "2024.1", 2, "cn99", now().plusHours(8), now().plusHours(4));
        runJobs();
        assertThat(summary(pi)).contains("the window must end after it starts").contains("the canary host cn99 has no nova-compute service");
    }

    @Test
    void aSiteThatIsNotGreenIsNotUpgraded() {
        // given a compute host down on the kolla site
        LabSite site = lab.require("lab");
        site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn03"));
        Map<String, Long> before = site.destructiveActions();

        // when the upgrade starts
        ProcessInstance pi = start("lab", "2024.1", 2, "");
        runUntilEnd(pi);

        // then it ends after the health check, before any backup or change
        assertThat(pi).hasPassed(REPORT_SITE_NOT_GREEN, END_SITE_NOT_GREEN).hasNotPassed(BACKUP_SITE);
        assertThat(summary(pi)).contains("not started, nothing was changed").contains("not GREEN").contains("RED");
        assertThat(site.destructiveActions()).isEqualTo(before);
    }

    @Test
    void anIncompleteBackupStopsTheApprovedUpgradeBeforeAnyUpgradeStep() {
        // given the kolla site whose MariaDB backup fails
        LabSite site = lab.require("lab");
        site.injectFault(LabFault.of(FaultType.BACKUP_FAILS, "cc01"));
        ProcessInstance pi = start("lab", "2024.1", 2, "");
        runUntilTask(pi, APPROVE_PLAN);
        approve(pi, APPROVE_PLAN, "anna", true, "go");
        runUntilEnd(pi);
        assertThat(pi).hasPassed(BACKUP_SITE, REPORT_BACKUP_INCOMPLETE, END_BACKUP_INCOMPLETE).hasNotPassed(PREPARE);
        assertThat(summary(pi)).contains("the backup did not complete").contains("no release set").contains("approved by anna");
        assertThat(site.kolla().globalsRelease()).contains("2023.2");
        assertThat(site.kolla().playbookRuns()).extracting(PlaybookRun::action).doesNotContain("pull", "prechecks", "upgrade");
    }

    // ---- approvals ---------------------------------------------------------------------------------------------------

    @Test
    void aRejectedPlanEndsTheRunWithNothingOnTheSiteChanged() {
        // given the plan of an upgrade, waiting for its approval
        LabSite site = lab.require("k-reject");
        Map<String, Long> before = site.destructiveActions();
        ProcessInstance pi = start("k-reject", "2024.1", 2, "");
        runUntilTask(pi, APPROVE_PLAN);

        // when an approver rejects it
        approve(pi, APPROVE_PLAN, "anna", false, "not before the freeze ends");
        runUntilEnd(pi);

        // then the run ends without a backup, a release set or an image pulled: the site counted no change at all
        assertThat(pi).hasPassed(RECORD_REJECTION, END_PLAN_REJECTED).hasNotPassed(BACKUP_SITE, WAIT_FOR_WINDOW, PREPARE);
        assertThat(site.destructiveActions()).isEqualTo(before);
        assertThat(site.kolla().globalsRelease()).contains("2023.2");
        assertThat(site.kolla().playbookRuns()).isEmpty();
        assertThat(summary(pi)).contains("rejected by anna: not before the freeze ends").contains("nothing on the site was changed");
    }

    @Test
    void theInitiatorCannotApproveTheirOwnUpgradeOverRest() {
        ProcessInstance pi = start("lab-charmed", "2024.1", 2, "");
        runUntilTask(pi, APPROVE_PLAN);
        String taskId = runbooks.task(pi, APPROVE_PLAN).getId();
        Http olga = Http.as(port, "olga", Users.PASSWORD);

        HttpResponse<String> claim = olga.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"olga\"}");
        HttpResponse<String> complete = olga.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\":{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"mine\"}}}");

        assertThat(claim.statusCode()).isEqualTo(403);
        assertThat(complete.statusCode()).isEqualTo(403);
        assertThat(pi).isWaitingAt(APPROVE_PLAN);
    }

    // ---- failures, retries, stops ---------------------------------------------------------------------------------------

    @Test
    void failedStepsAreRetriedByAnOpsLeadAndTheUpgradeCompletes() {
        // given a site whose prechecks, control-plane upgrade and canary upgrade each fail once
        LabSite site = lab.require("k-retry");
        site.injectFault(new LabFault("", FaultType.PRECHECK_FAILS, "", "", 1));
        ProcessInstance pi = start("k-retry", "2024.1", 1, "cn02");

        // when an ops lead retries each failed step after the cause is fixed
        runUntilTask(pi, APPROVE_PLAN);
        approve(pi, APPROVE_PLAN, "anna", true, "go");
        runUntilDecision(pi, PREPARE);
        assertThat(decisionEvidence(pi)).contains("prechecks").contains("NTP");
        decide(pi, AwaitOperation.DECIDE, "omar", RETRY, "chrony restarted on cc01");
        site.injectFault(new LabFault("", FaultType.UPGRADE_FAILS, "cc01", "", 1));
        runUntilDecision(pi, UPGRADE_CONTROL_PLANE);
        decide(pi, AwaitOperation.DECIDE, "omar", RETRY, "placement API restarted");
        // the canary's drain finds no room (every other host down), then its upgrade fails once, then it is not up at first
        runUntil(pi, DRAIN_HOST, () -> List.of("cn01", "cn03", "cn04", "cn05", "cn06").forEach(h -> site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, h))), 0);
        runUntilTask(pi, DECIDE_DRAIN_FAILURE);
        site.clearFaults();
        decide(pi, DECIDE_DRAIN_FAILURE, "omar", RETRY, "the other hosts are back");
        site.injectFault(new LabFault("", FaultType.UPGRADE_FAILS, "cn02", "", 1));
        runUntilDecision(pi, UPGRADE_BATCHES);
        assertThat(decisionEvidence(pi)).contains("batch-1");
        decide(pi, AwaitOperation.DECIDE, "omar", RETRY, "libvirt fixed");
        runUntil(pi, VERIFY_HOST_RELEASE, () -> site.injectFault(LabFault.of(FaultType.CONTAINER_EXITED, "cn02/nova_compute")), 0);
        runUntilTask(pi, DECIDE_HOST_FAILURE);
        assertThat((String) taskVariable(pi, DECIDE_HOST_FAILURE, "failureReport")).contains("Host cn02 is not up on 2024.1").contains("Exited");
        site.clearFaults();
        decide(pi, DECIDE_HOST_FAILURE, "omar", RETRY, "container restarted");
        // and the smoke instance finds its host down once
        runUntil(pi, SMOKE_TEST, () -> site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn02")), 0);
        runUntilDecision(pi, SMOKE_TEST);
        site.clearFaults();
        decide(pi, AwaitOperation.DECIDE, "omar", RETRY, "nova-compute back");
        runUntilEnd(pi);

        // then the run completed, with every decision in its steps, and each retried kolla run under a new run id
        assertThat(pi).hasPassed(END_SITE_UPGRADED);
        assertThat(site.kolla().hostReleases().values()).containsOnly("2024.1");
        assertThat(site.kolla().playbookRuns().stream().filter(r -> r.action().equals("prechecks")).count()).isEqualTo(2);
        assertThat(steps(pi)).contains("retry (by omar)").contains("chrony restarted").contains("-control-1-2").contains("-batch-1-2");
        assertThat(variable(pi, "upgraded")).isEqualTo(true);
    }

    @ParameterizedTest(name = "stops at {0}")
    @CsvSource({"prepare", "window", "drain", "host", "smoke"})
    void anOpsLeadStopsTheUpgradeAndTheSummarySaysWhichHostsRunWhichRelease(String where) {
        // given a fault at one point of the upgrade
        String name = "k-stop-" + where;
        LabSite site = lab.require(name);
        if (where.equals("prepare")) {
            site.injectFault(LabFault.of(FaultType.PRECHECK_FAILS, ""));
        }
        ProcessInstance pi = where.equals("window") ? start(name, "2024.1", 1, "cn06", now(), now().plusHours(3)) : start(name, "2024.1", 1, "cn06");
        String decideAt = switch (where) {
            case "prepare" -> AwaitOperation.DECIDE;
            case "window" -> DECIDE_WINDOW_CLOSED;
            case "drain" -> DECIDE_DRAIN_FAILURE;
            case "host" -> DECIDE_HOST_FAILURE;
            default -> AwaitOperation.DECIDE;
        };
        runUntilTask(pi, APPROVE_PLAN);
        approve(pi, APPROVE_PLAN, "anna", true, "go");
        switch (where) {
            case "window" -> runUntil(pi, START_BATCH_UPGRADE, RollingUpgradeProcessTest::closeTheWindow, 0);
            case "drain" -> runUntil(pi, DRAIN_HOST, () -> List.of("cn01", "cn02", "cn03", "cn04", "cn05")
                    .forEach(h -> site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, h))), 0);
            case "host" -> runUntil(pi, VERIFY_HOST_RELEASE, () -> site.injectFault(LabFault.of(FaultType.CONTAINER_EXITED, "cn06/nova_compute")), 0);
            case "smoke" -> runUntil(pi, SMOKE_TEST, () -> site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn06")), 0);
            default -> {
            }
        }

        // when an ops lead decides to stop
        runUntilTask(pi, decideAt);
        decide(pi, decideAt, "omar", STOP, "stopping here, " + where);
        runUntilEnd(pi);

        // then the run ends stopped, not rolled back, saying who stopped it and which hosts run which release
        assertThat(pi).hasPassed(UPGRADE_HALTED_EVENT, SUMMARISE_STOPPED_UPGRADE, END_UPGRADE_STOPPED).hasNotPassed(APPROVE_ROLLBACK);
        assertThat(summary(pi)).contains("stopped, not rolled back (stop decided by omar").contains("stopping here, " + where)
                .contains("Compute hosts by release");
        if (where.equals("window")) {
            assertThat(summary(pi)).contains("2024.1 (1): cn06").contains("2023.2 (5)");
            assertThat(site.kolla().hostReleases()).containsEntry("cn06", "2024.1").containsEntry("cn01", "2023.2");
        }
        assertThat(variable(pi, "upgraded")).isEqualTo(false);
    }

    // ---- rollback ----------------------------------------------------------------------------------------------------

    @Test
    void aFailedControlPlaneUpgradeIsRolledBackWithApprovalThePreviousReleaseReconfigureAndTheDatabaseRestore() {
        // given a site whose control-plane upgrade fails on cc02
        LabSite site = lab.require("k-rollback");
        ProcessInstance pi = start("k-rollback", "2024.1", 2, "");
        runUntilTask(pi, APPROVE_PLAN);
        approve(pi, APPROVE_PLAN, "anna", true, "go");
        site.injectFault(LabFault.of(FaultType.UPGRADE_FAILS, "cc02"));
        runUntilDecision(pi, UPGRADE_CONTROL_PLANE);
        assertThat(decisionEvidence(pi)).contains("cc02").contains("nova-status upgrade check failed");

        // when an ops lead decides to roll back and an approver approves
        decide(pi, AwaitOperation.DECIDE, "omar", ROLL_BACK, "the placement schema migration broke");
        runUntilTask(pi, APPROVE_ROLLBACK);
        assertThat(runbooks.tryApprove(pi, APPROVE_ROLLBACK, "olga")).as("the initiator may not approve the rollback").isFalse();
        site.clearFaults();
        approve(pi, APPROVE_ROLLBACK, "anna", true, "roll back, restore tonight's data");
        runUntilEnd(pi);

        // then the previous release is back, the control plane was stopped, the databases restored from the backup taken at
        // the start and the cluster recovered, then everything reconfigured: every host runs 2023.2 again
        assertThat(pi).hasPassed(ROLL_BACK_UPGRADE, SUMMARISE_ROLLBACK, END_UPGRADE_ROLLED_BACK).hasNotPassed(UPGRADE_BATCHES);
        assertThat(rollback(pi)).hasPassed(Rollback.ROLL_BACK_KOLLA, Rollback.RESTORE_DATABASES, Rollback.AWAIT_DATABASE_RESTORE,
                Rollback.RECOVER_DATABASE_CLUSTER, Rollback.VERIFY_DATABASE_RESTORE, Rollback.RECONFIGURE_KOLLA, Rollback.VERIFY_ROLLBACK,
                Rollback.END_ROLLED_BACK);
        assertThat(site.kolla().globalsRelease()).contains("2023.2");
        List<String> actions = site.kolla().playbookRuns().stream().map(PlaybookRun::action).toList();
        assertThat(actions.subList(actions.lastIndexOf("upgrade"), actions.size())).containsSubsequence("stop", "mariadb_recovery", "reconfigure");
        assertThat(site.kolla().hostReleases().values()).containsOnly("2023.2");
        String backup = (String) variable(pi, "backupId");
        assertThat(backup).startsWith("k-rollback-");
        assertThat(variable(pi, "rolledBack")).isEqualTo(true);
        assertThat(summary(pi)).contains("rolled back to 2023.2").contains("roll-back decided by omar").contains(backup)
                .contains("Task_ApproveRollback approved by anna");
    }

    @Test
    void theRollbackOfASiteWithNightlyBackupsRestoresTheChainItsOwnIncrementalBackupBelongsTo() {
        // given a site backed up every night by backup-site: a full backup three days ago, incrementals two days and one day
        // ago (an instance deleted after the full, so that the chain's rows differ from the full's)
        LabSite site = lab.require("k-nightly");
        Instant now = ClockUtil.getCurrentTime().toInstant();
        List<Artefact> nightly = new ArrayList<>();
        for (int daysAgo = 3; daysAgo >= 1; daysAgo--) {
            nightly.add(nightlyBackup("k-nightly", now.minus(Duration.ofDays(daysAgo))));
            if (daysAgo == 3) {
                site.nova().deleteServer(site.nova().instances().get(0).id());
            }
        }
        ClockUtil.reset();
        assertThat(nightly).extracting(Artefact::kind).containsExactly(ArtefactKind.MARIADB_FULL, ArtefactKind.MARIADB_INCREMENTAL,
                ArtefactKind.MARIADB_INCREMENTAL);

        // when its upgrade fails on the control plane, an ops lead decides to roll back and an approver approves
        ProcessInstance pi = start("k-nightly", "2024.1", 2, "");
        runUntilTask(pi, APPROVE_PLAN);
        approve(pi, APPROVE_PLAN, "anna", true, "go");
        site.injectFault(LabFault.of(FaultType.UPGRADE_FAILS, "cc02"));
        runUntilDecision(pi, UPGRADE_CONTROL_PLANE);
        decide(pi, AwaitOperation.DECIDE, "omar", ROLL_BACK, "the placement schema migration broke");
        runUntilTask(pi, APPROVE_ROLLBACK);
        site.clearFaults();
        approve(pi, APPROVE_ROLLBACK, "anna", true, "roll back");
        runUntilEnd(pi);

        // then the upgrade's own backup was incremental, and the rollback restored its chain: the full backup, then every
        // incremental after it in order, its own last; every host runs 2023.2 again and the database holds the chain's rows
        Artefact own = catalogue.find((String) variable(pi, "backupId")).orElseThrow().artefact(ArtefactKind.MARIADB_INCREMENTAL).orElseThrow();
        assertThat(pi).hasPassed(END_UPGRADE_ROLLED_BACK).hasNotPassed(RECORD_UPGRADE_STATE);
        assertThat(rollback(pi)).hasPassed(Rollback.RESTORE_DATABASES, Rollback.RECOVER_DATABASE_CLUSTER, Rollback.VERIFY_DATABASE_RESTORE,
                Rollback.RECONFIGURE_KOLLA, Rollback.VERIFY_ROLLBACK);
        assertThat(site.backup().restoredMariaBackups()).containsExactly(file(nightly.get(0)), file(nightly.get(1)), file(nightly.get(2)), file(own));
        assertThat(site.backup().keyTableRows()).isEqualTo(own.tableRows()).isNotEqualTo(nightly.get(0).tableRows());
        assertThat(site.kolla().hostReleases().values()).containsOnly("2023.2");
        assertThat(summary(pi)).contains("rolled back to 2023.2");
    }

    @ParameterizedTest(name = "{0} fails")
    @CsvSource({"stop,HOST_UNREACHABLE,cc01,Event_RollbackFailed", "restore,RESTORE_FAILS,,Event_RestoreFailed",
            "recovery,RESTORE_FAILS,cc02,Event_RestoreFailed",
            "reconfigure,DEPLOY_FAILS,cc01,Event_ReconfigureFailed"})
    void aFailedRollbackStepIsHandedOverWithTheStateOfEveryHost(String step, FaultType fault, String target, String event) {
        String name = "k-rb-" + step;
        LabSite site = lab.require(name);
        ProcessInstance pi = start(name, "2024.1", 2, "");
        runUntilTask(pi, APPROVE_PLAN);
        approve(pi, APPROVE_PLAN, "anna", true, "go");
        site.injectFault(LabFault.of(FaultType.UPGRADE_FAILS, "net01"));
        runUntilDecision(pi, UPGRADE_CONTROL_PLANE);
        decide(pi, AwaitOperation.DECIDE, "omar", ROLL_BACK, "network nodes broken");
        site.clearFaults();
        site.injectFault(new LabFault("", fault, target == null ? "" : target, "", 0));
        runUntilTask(pi, APPROVE_ROLLBACK);
        approve(pi, APPROVE_ROLLBACK, "anna", true, "roll back");
        runUntilTask(pi, HAND_OVER_UPGRADE);

        assertThat(pi).hasPassed(ROLL_BACK_UPGRADE, RECORD_UPGRADE_STATE).hasNotPassed(SUMMARISE_ROLLBACK);
        assertThat(rollback(pi)).hasPassed(event, Rollback.END_ROLLBACK_FAILED).hasNotPassed(Rollback.VERIFY_ROLLBACK);
        assertThat((String) variable(pi, "handOverState")).contains("openstack_release: 2023.2").contains("nova_compute 2023.2: cn01");
        site.clearFaults();
        decide(pi, HAND_OVER_UPGRADE, "omar", TAKE_OVER, "taking over, OPS-99");
        runUntilEnd(pi);
        assertThat(pi).hasPassed(END_UPGRADE_HANDED_OVER);
        assertThat(summary(pi)).contains("handed over").contains("a rollback step failed");
    }

    @Test
    void charmedFailuresAreRetriedThenRolledBackByHandingOverTheExactState() {
        // given the charmed site whose canary's openstack-upgrade fails once, then for good
        LabSite site = lab.require("c-handover");
        ProcessInstance pi = start("c-handover", "2024.1", 1, "cn04");
        runUntilTask(pi, APPROVE_PLAN);
        approve(pi, APPROVE_PLAN, "anna", true, "go");
        site.injectFault(new LabFault("", FaultType.UPGRADE_FAILS, "cn04", "", 1));
        runUntilDecision(pi, UPGRADE_BATCHES);
        assertThat(decisionEvidence(pi)).contains("openstack-upgrade").contains("may be left paused");
        decide(pi, AwaitOperation.DECIDE, "omar", RETRY, "apt lock released");
        runUntil(pi, START_BATCH_UPGRADE, () -> site.injectFault(LabFault.of(FaultType.UPGRADE_FAILS, "cn01")), 0);
        runUntilDecision(pi, UPGRADE_BATCHES);

        // when the ops lead decides to roll back and an approver approves
        decide(pi, AwaitOperation.DECIDE, "omar", ROLL_BACK, "dpkg fails on cn01");
        runUntilTask(pi, APPROVE_ROLLBACK);
        approve(pi, APPROVE_ROLLBACK, "anna", true, "hand over");
        runUntilTask(pi, HAND_OVER_UPGRADE);

        // then nothing is downgraded: the run records each application's channel and the units not active/idle, and hands over
        String state = (String) variable(pi, "handOverState");
        assertThat(state).contains("keystone 2024.1/stable").contains("nova-compute 2024.1/stable").contains("vault 1.8/stable")
                .contains("maintenance (\"Paused");
        assertThat(site.juju().application("keystone").orElseThrow().channel()).isEqualTo("2024.1/stable");
        decide(pi, HAND_OVER_UPGRADE, "omar", TAKE_OVER, "I take it from here: juju resolved, then cou");
        runUntilEnd(pi);
        assertThat(pi).hasPassed(ROLL_BACK_UPGRADE, RECORD_UPGRADE_STATE, END_UPGRADE_HANDED_OVER);
        assertThat(rollback(pi)).hasPassed(Rollback.END_NOT_ROLLED_BACK).hasNotPassed(Rollback.ROLL_BACK_KOLLA);
        assertThat(summary(pi)).contains("handed over to an operator (charms do not downgrade").contains("roll-back decided by omar");
    }

    @Test
    void aFailedFinishStepOfTheCharmedDataPlaneIsRetriedOrStopped() {
        LabSite site = lab.require("c-finish");
        ProcessInstance pi = start("c-finish", "2024.1", 1, "");
        runUntilTask(pi, APPROVE_PLAN);
        approve(pi, APPROVE_PLAN, "anna", true, "go");
        runUntil(pi, FINISH_DATA_PLANE + "#multiInstanceBody", () -> site.injectFault(LabFault.of(FaultType.UNIT_ERROR, "neutron-api")), 0);
        runUntilDecision(pi, FINISH_DATA_PLANE);
        decide(pi, AwaitOperation.DECIDE, "omar", RETRY, "juju resolved neutron-api/0");
        runUntilDecision(pi, FINISH_DATA_PLANE);
        decide(pi, AwaitOperation.DECIDE, "omar", STOP, "leaving neutron-api for tomorrow");
        runUntilEnd(pi);
        assertThat(pi).hasPassed(END_UPGRADE_STOPPED);
        assertThat(summary(pi)).contains("leaving neutron-api for tomorrow").contains("2024.1 (6)");
    }

    @Test
    void anIncidentRunRequestsTheRollbackWhileTheUpgradeWaitsForItsWindow() {
        // given an upgrade approved, its backup taken, and waiting for a window that opens in an hour
        ProcessInstance pi = start("k-message", "2024.1", 2, "", now().plusHours(1), now().plusHours(8));
        runUntilTask(pi, APPROVE_PLAN);
        approve(pi, APPROVE_PLAN, "anna", true, "go");
        runUntil(pi, WAIT_FOR_WINDOW, () -> { }, 0);
        assertThat(pi).isWaitingAt(WAIT_FOR_WINDOW);

        // when an incident run correlates RollbackRequested to the running upgrade of the site
        runtime.createMessageCorrelation(ROLLBACK_REQUESTED_MESSAGE).processInstanceVariableEquals("site", "k-message")
                .setVariable("requestedBy", "sev1-incident run 42").setVariable("rollbackReason", "API errors since the upgrade started").correlate();
        runJobs();

        // then the rollback waits for an approver; rejected, the upgrade stops where it is
        assertThat(pi).isWaitingAt(APPROVE_ROLLBACK);
        assertThat(runtime.getVariable(pi.getId(), "requestedBy")).isEqualTo("sev1-incident run 42");
        approve(pi, APPROVE_ROLLBACK, "anna", false, "the errors come from a tenant, not the upgrade");
        runUntilEnd(pi);
        assertThat(pi).hasPassed(ROLLBACK_REQUESTED_EVENT, SUMMARISE_STOPPED_UPGRADE, END_UPGRADE_STOPPED).hasNotPassed(UPGRADE_CONTROL_PLANE);
        assertThat(summary(pi)).contains("a rollback was requested and rejected").contains("Task_ApproveRollback rejected by anna");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /**
     * One night's backup-site run (databases) at {@code at} on the engine's clock, the lab's a day on: its MariaDB artefact,
     * full or incremental as backup-site chose.
     */
    private Artefact nightlyBackup(String site, Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        runbooks.advance(Duration.ofDays(1));
        ProcessInstance backup = runtime.startProcessInstanceByKey(BACKUP_KEY, Map.of("site", site, "scope", "databases"));
        for (int i = 0; i < 100 && runtime.createProcessInstanceQuery().processInstanceId(backup.getId()).count() > 0; i++) {
            tick(null);
        }
        assertThat(backup).isEnded();
        assertThat(variable(backup, "backupComplete")).isEqualTo(true);
        BackupSet set = catalogue.find((String) variable(backup, "backupId")).orElseThrow();
        return set.artefact(ArtefactKind.MARIADB_FULL).or(() -> set.artefact(ArtefactKind.MARIADB_INCREMENTAL)).orElseThrow();
    }

    private static String file(Artefact artefact) {
        return artefact.path().substring(artefact.path().lastIndexOf('/') + 1);
    }

    // ---- one change at a time --------------------------------------------------------------------------------------

    @Test
    void aBatchWaitsInTasklistForAHostAnotherRunHoldsAndGoesOnByItselfOnceItIsFree() throws InterruptedException {
        // given a drain of the canary host, started before the upgrade and waiting for its approval
        ProcessInstance drain = drainCanary("k-lease");

        // when the upgrade starts, a second one of the site is refused: its control plane is held
        ProcessInstance pi = start("k-lease", "2024.1", 1, "cn06");
        assertThatThrownBy(() -> start("k-lease", "2024.1", 1, "cn06"))
                .hasMessageContaining("the control plane of k-lease is held by " + pi.getBusinessKey() + " (rolling-upgrade, run " + pi.getId() + "), started by olga");

        // when it is approved and reaches the canary's batch
        runUntilTask(pi, APPROVE_PLAN);
        approve(pi, APPROVE_PLAN, "anna", true, "CAB-1234");
        runUntilTask(pi, AwaitLease.WAIT);

        // then the batch waits for ops leads in Tasklist, the task naming the drain, who started it and since when; the
        // control plane is upgraded, the canary untouched
        Task wait = runbooks.task(pi, AwaitLease.WAIT);
        assertThat(wait.getName()).startsWith("Waiting for cn06 on k-lease, held by drain cn06 @ k-lease (drain-compute-node), started by omar at ")
                .endsWith(" — upgrade k-lease → 2024.1").doesNotContain(drain.getId()).doesNotContain(pi.getId());
        assertThat(tasks.getIdentityLinksForTask(wait.getId())).extracting(IdentityLink::getGroupId).containsExactly(Roles.OPS_LEADS);
        assertThat(calledRuns(pi, DRAIN_KEY)).as("no drain under the upgrade yet").isEmpty();

        // when the drain is cancelled, its lease goes and the batch takes the host by itself
        runtime.deleteProcessInstance(drain.getId(), "disk replacement postponed");
        waits.wake();
        for (int i = 0; i < 300 && runbooks.task(pi, AwaitLease.WAIT) != null; i++) { // woken here or, as in production, by the sweeper
            waits.wake();
            Thread.sleep(100);
        }
        runUntilEnd(pi);

        // then the upgrade finished, the wait is in its log, and it released all it held as it ended
        assertThat(pi).hasPassed(END_SITE_UPGRADED);
        assertThat(steps(pi)).contains("take leases").contains("free again: taking it");
        assertThat(leases.all()).noneMatch(l -> l.run().equals(pi.getId()));
    }

    @Test
    void anOpsLeadWhoGivesUpWaitingForAHostStopsTheUpgradeSayingWhy() {
        // given an upgrade waiting at its canary batch for a host a drain holds
        ProcessInstance drain = drainCanary("k-lease-give-up");
        ProcessInstance pi = start("k-lease-give-up", "2024.1", 1, "cn06");
        runUntilTask(pi, APPROVE_PLAN);
        approve(pi, APPROVE_PLAN, "anna", true, "CAB-1234");
        runUntilTask(pi, AwaitLease.WAIT);

        // when an ops lead gives up waiting
        decide(pi, AwaitLease.WAIT, "omar", AwaitLease.GIVE_UP, "the disk replacement takes all night");
        runUntilEnd(pi);

        // then the upgrade stopped, saying who gave up, waiting for what and why; the drain keeps its host
        assertThat(pi).hasPassed(UPGRADE_HALTED_EVENT, SUMMARISE_STOPPED_UPGRADE, END_UPGRADE_STOPPED).hasNotPassed(APPROVE_ROLLBACK);
        assertThat(summary(pi)).contains("give-up decided by omar before batch 1, Waiting for cn06 on k-lease-give-up, held by drain cn06 @ "
                + "k-lease-give-up (drain-compute-node)").contains("the disk replacement takes all night");
        assertThat(leases.all()).filteredOn(l -> l.target().key().equals("host:k-lease-give-up:cn06")).extracting(Lease::run)
                .containsExactly(drain.getId());
    }

    /** Omar's drain of the canary host cn06, waiting for its approval: it holds cn06. */
    private ProcessInstance drainCanary(String site) {
        ProcessInstance drain = runbooks.start("omar", DRAIN_KEY, Map.of("site", site, "host", "cn06", "reason", "disk replacement"));
        runJobs();
        return drain;
    }

    /** The engine's clock moves four hours on: the maintenance window (three hours in these tests) has ended. */
    private static void closeTheWindow() {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(4))));
    }

    private static OffsetDateTime now() {
        return ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.ofHours(2));
    }

    private ProcessInstance start(String site, String target, long batch, String canary) {
        return start(site, target, batch, canary, now().minusMinutes(5), now().plusHours(8));
    }

    private ProcessInstance start(String site, String target, long batch, String canary, OffsetDateTime windowStart, OffsetDateTime windowEnd) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("site", site);
        variables.put("targetRelease", target);
        variables.put("batchSize", batch);
        variables.put("windowStart", windowStart.toString());
        variables.put("windowEnd", windowEnd.toString());
        variables.put("canaryHost", canary);
        return runbooks.start("olga", PROCESS_KEY, variables);
    }

    private void runJobs() {
        runJobsExcept(null);
    }

    /** Runs the due jobs (not timers) of every run, until none is left; stops, returning true, when a job of {@code activityId} waits. */
    private boolean runJobsExcept(String activityId) {
        return runbooks.runJobsUntil(activityId, 2000);
    }

    /** The ops lead also lets the upgrade proceed past a drain that found no capacity (a test with a host out of service). */
    private boolean proceedWithoutCapacity;

    /**
     * One round of the wait loops: fires the due-or-loop timers of every run (the window's timer only once its time has come)
     * and runs the jobs; when nothing moved, two minutes of lab time pass, so every wait is seen unfinished once, then done.
     */
    private void tick(String stopAt) {
        operateDrains();
        List<String> before = activeTimers();
        Date now = ClockUtil.getCurrentTime();
        List<Job> fired = management.createJobQuery().timers().list().stream().filter(j -> {
            String activity = j.getJobDefinitionId() == null ? null
                    : management.createJobDefinitionQuery().jobDefinitionId(j.getJobDefinitionId()).singleResult().getActivityId();
            return activity != null && activity.startsWith("Timer_Wait") && (!activity.equals(WAIT_FOR_WINDOW) || !j.getDuedate().after(now));
        }).toList();
        fired.forEach(j -> management.executeJob(j.getId()));
        // a round of the wait loops in which only the checks ran (each back at its timer) lets lab time pass
        int ran = runbooks.jobsRun();
        runJobsExcept(stopAt);
        if (!before.isEmpty() && activeTimers().equals(before) && runbooks.jobsRun() - ran <= fired.size()) {
            runbooks.advance(Duration.ofMinutes(2));
        }
    }

    /**
     * The ops lead's part in the drains (as in the lab's topology some instances are in ERROR and cannot move): skip each
     * instance the drain cannot migrate, finish the drain with them left on the host, and let the upgrade proceed with such a
     * host. A drain that found no capacity is left to the test.
     */
    private boolean operateDrains() {
        boolean acted = false;
        for (Task t : tasks.createTaskQuery().list()) {
            String decision = switch (t.getTaskDefinitionKey()) {
                case AwaitOperation.DECIDE -> tasks.getVariable(t.getId(), "operation") instanceof Operation o && o.kind().equals(MigrationProbe.KIND) ? "skip" : null;
                case "Task_DecideHostNotEmpty" -> "finish";
                case DECIDE_DRAIN_FAILURE -> {
                    String drain = String.valueOf(runtime.getVariable(t.getExecutionId(), "drainSummary"));
                    yield drain.contains("NOT drained") || proceedWithoutCapacity && drain.startsWith("Not enough capacity") ? PROCEED : null;
                }
                default -> null;
            };
            if (decision != null) {
                runbooks.login("omar");
                try {
                    tasks.claim(t.getId(), "omar");
                    tasks.complete(t.getId(), Map.of("decision", decision, "note", "instance in ERROR stays on the host for the upgrade"));
                    acted = true;
                } finally {
                    runbooks.logout();
                }
            }
        }
        return acted;
    }

    private List<String> activeTimers() {
        return management.createJobQuery().timers().list().stream().filter(j -> j.getExecutionId() != null && j.getJobDefinitionId() != null)
                .map(j -> management.createJobDefinitionQuery().jobDefinitionId(j.getJobDefinitionId()).singleResult().getActivityId()).sorted().toList();
    }

    /** Drives the run until an ops lead decides about an awaited operation of {@code activityId} (a call activity of the run). */
    private void runUntilDecision(ProcessInstance pi, String activityId) {
        runUntilTask(pi, AwaitOperation.DECIDE);
        assertThat(runtime.getActiveActivityIds(pi.getId())).as("the decision is about " + activityId).contains(activityId);
    }

    /** What the ops lead reads in the decision about an awaited operation: what it is and what the last look found. */
    private String decisionEvidence(ProcessInstance pi) {
        return taskVariable(pi, AwaitOperation.DECIDE, AwaitOperation.DESCRIPTION.name()) + "\n" + taskVariable(pi, AwaitOperation.DECIDE, AwaitOperation.DETAIL.name());
    }

    private Object taskVariable(ProcessInstance pi, String taskKey, String name) {
        return tasks.getVariable(runbooks.task(pi, taskKey).getId(), name);
    }

    /** The runs of {@code key} this run called, directly or through the processes it called (its parts). */
    private List<HistoricProcessInstance> calledRuns(ProcessInstance pi, String key) {
        List<HistoricProcessInstance> all = new ArrayList<>();
        List<String> callers = new ArrayList<>(List.of(pi.getId()));
        for (int i = 0; i < callers.size(); i++) {
            for (HistoricProcessInstance called : history.createHistoricProcessInstanceQuery().superProcessInstanceId(callers.get(i)).list()) {
                all.add(called);
                callers.add(called.getId());
            }
        }
        return all.stream().filter(p -> p.getProcessDefinitionKey().equals(key)).toList();
    }

    private static String[] ids(List<HistoricProcessInstance> runs) {
        return runs.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    }

    /** The run's rollback (rolling-upgrade-rollback), as camunda-bpm-assert reads it (from the history: it may have ended). */
    private ProcessInstance rollback(ProcessInstance pi) {
        List<HistoricProcessInstance> runs = calledRuns(pi, Rollback.PROCESS_KEY);
        assertThat(runs).as("rollbacks of the run").hasSize(1);
        return run(runs.get(0));
    }

    /** A called run as camunda-bpm-assert reads it (from the history: it may have ended). */
    private static ProcessInstance run(HistoricProcessInstance called) {
        ExecutionEntity instance = new ExecutionEntity();
        instance.setId(called.getId());
        instance.setProcessInstanceId(called.getId());
        return instance;
    }

    private void runUntilTask(ProcessInstance pi, String taskKey) {
        for (int i = 0; i < 600; i++) {
            runJobs();
            if (runbooks.task(pi, taskKey) != null) {
                return;
            }
            if (runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0) {
                throw new AssertionError("run ended before " + taskKey + ": " + summary(pi));
            }
            tick(null);
        }
        String log = steps(pi);
        throw new AssertionError("run never reached " + taskKey + "; it is at " + runtime.getActiveActivityIds(pi.getId()) + "; last steps: "
                + log.substring(Math.max(0, log.length() - 3000)));
    }

    /** Drives the run until a job of {@code activityId} waits for the {@code (skip+1)}-th time, does {@code before}, then lets it run. */
    private void runUntil(ProcessInstance pi, String activityId, Runnable before, int skip) {
        int seen = 0;
        for (int i = 0; i < 600; i++) {
            if (runJobsExcept(activityId)) {
                if (seen++ == skip) {
                    before.run();
                    return;
                }
                management.createJobQuery().activityId(activityId).list().forEach(j -> management.executeJob(j.getId()));
                continue;
            }
            if (runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0) {
                throw new AssertionError("run ended before " + activityId + ": " + summary(pi));
            }
            tick(activityId);
        }
        throw new AssertionError("run never reached " + activityId);
    }

    private void runUntilEnd(ProcessInstance pi) {
        for (int i = 0; i < 600 && runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0; i++) {
            tick(null);
            while (operateDrains()) {
                runJobs();
            }
            if (tasks.createTaskQuery().processInstanceId(pi.getId()).count() > 0) {
                throw new AssertionError("run waits at " + runtime.getActiveActivityIds(pi.getId()) + ": "
                        + tasks.createTaskQuery().processInstanceId(pi.getId()).list().stream().map(t -> runtime.getVariables(t.getExecutionId())).toList());
            }
        }
        if (runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0) {
            String log = steps(pi);
            throw new AssertionError("run not ended; it is at " + runtime.getActiveActivityIds(pi.getId()) + ", tasks "
                    + tasks.createTaskQuery().list().stream().map(t -> t.getTaskDefinitionKey() + " " + t.getProcessInstanceId()).toList()
                    + ", drain summaries " + history.createHistoricVariableInstanceQuery().variableName("summary").list().stream()
                    .map(v -> String.valueOf(v.getValue())).filter(v -> v.contains("rain")).toList() + ", incidents "
                    + runtime.createIncidentQuery().list().stream().map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList()
                    + "; last steps: " + log.substring(Math.max(0, log.length() - 3000)));
        }
    }

    private void approve(ProcessInstance pi, String key, String user, boolean approved, String reason) {
        runbooks.approve(pi, key, user, approved, reason);
        runJobs();
    }

    private void decide(ProcessInstance pi, String key, String user, String decision, String note) {
        Task task = runbooks.task(pi, key);
        assertThat(task).as("operator task " + key).isNotNull();
        runbooks.login(user);
        try {
            tasks.claim(task.getId(), user);
            Map<String, Object> variables = new HashMap<>();
            if (decision != null) {
                variables.put("decision", decision);
            }
            variables.put("note", note);
            tasks.complete(task.getId(), variables);
        } finally {
            runbooks.logout();
        }
        runJobs();
    }

    private Object variable(ProcessInstance pi, String name) {
        if (runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0) {
            Object value = runtime.getVariable(pi.getId(), name);
            if (value != null) {
                return value;
            }
            return runtime.createVariableInstanceQuery().processInstanceIdIn(pi.getId()).variableName(name).list().stream()
                    .map(v -> v.getValue()).filter(v -> v != null).reduce((a, b) -> b).orElse(null);
        }
        return history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(name).list().stream()
                .map(v -> v.getValue()).filter(v -> v != null).reduce((a, b) -> b).orElse(null);
    }

    private String summary(ProcessInstance pi) {
        return String.valueOf(variable(pi, "summary"));
    }

    private String steps(ProcessInstance pi) {
        return String.valueOf(variable(pi, "steps"));
    }
}
