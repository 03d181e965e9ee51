package io.dayshift.runbook.addcompute;

import static io.dayshift.runbook.addcompute.AddComputeNode.Elements.*;
import static io.dayshift.runbook.addcompute.AddComputeNode.HEALTH_CHECK_KEY;
import static io.dayshift.runbook.addcompute.AddComputeNode.PROCESS_KEY;
import static io.dayshift.runbook.addcompute.AddComputeNode.RETRY;
import static io.dayshift.runbook.addcompute.AddComputeNode.ROLL_BACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.dayshift.access.Roles;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.Hypervisor;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.MaasMachine;
import io.dayshift.lab.model.PlaybookRun;
import io.dayshift.machine.MachineStatus;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.smoke.SmokeTestInstance;
import io.dayshift.testing.Http;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code add-compute-node} on the built-in lab, through the production adapters: one method per path, on the kolla site
 * {@code lab} and the charmed site {@code lab-charmed}. The job executor is off: each test runs the jobs itself, fires
 * the look timers of the waits (await-operation), and moves the lab's clock between two looks, so that every wait is seen
 * once unfinished and once done. Deadlines are passed by moving the engine's clock (the wait's deadline timer is then due).
 * The class must cover every flow node and sequence flow of the model (process-test coverage, report under
 * {@code target/process-test-coverage/}); the called models have tests of their own.
 */
@RunbookProcessTest(clock = "2025-06-02T08:00:00Z", timeFactor = "0.01",
        uncovered = {HEALTH_CHECK_KEY, AwaitOperation.PROCESS_KEY, SmokeTestInstance.PROCESS_KEY})
class AddComputeNodeProcessTest extends ProcessTestFixture {

    private static final String TAG = "openstack-compute";

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.runbooks.add-compute-node.check-interval", () -> "PT10S");
        registry.add("dayshift.retries.openstack", () -> "R1/PT1S");
    }

    @BeforeEach
    void setUp() {
        runbooks.user("olga", Roles.OPS_LEADS, Roles.APPROVERS);
        runbooks.user("anna", Roles.APPROVERS);
        runbooks.user("omar", Roles.OPS_LEADS);
    }

    // ---- happy paths ----------------------------------------------------------------------------------------------

    @Test
    void kollaHappyPathDeploysTheMachineRunsKollaLimitedToItAndSmokeTestsTheNewHypervisor() {
        // given a Ready, tagged machine of the kolla site
        LabSite site = lab.require("lab");
        MaasMachine machine = site.maas().machineByHostname("spare01").orElseThrow();
        Map<String, Long> before = site.destructiveActions();

        // when an ops lead starts the run and another user approves the plan
        ProcessInstance pi = start("lab", "spare01", "az1");
        runUntilTask(pi, APPROVE_ADDITION);
        assertThat(pi).hasPassed(VALIDATE_INPUT, CHECK_SITE_HEALTH, PLAN_ADDITION);
        assertThat((String) runtime.getVariable(pi.getId(), "plan")).contains("spare01").contains("[compute]").contains("az1")
                .contains("32 CPU threads").contains("Site health: ");
        approve(pi, APPROVE_ADDITION, "anna", true, "capacity for the autumn peak");
        // the new host's nova-compute has not reported yet at the first look
        runUntilLook(pi, AWAIT_HYPERVISOR, () -> site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "spare01")));
        site.clearFaults();
        runUntilEnd(pi);

        // then the host was deployed in MAAS, added to [compute], bootstrapped, pulled and deployed with --limit spare01
        assertThat(pi).isEnded().hasPassed(DEPLOY_MACHINE, AWAIT_MACHINE, ADD_HOST_TO_INVENTORY, DISCOVER_COMPUTE_HOSTS, AWAIT_HYPERVISOR, SMOKE_TEST)
                .hasPassedInOrder(START_KOLLA_RUN, AWAIT_KOLLA_RUN, START_KOLLA_RUN, AWAIT_KOLLA_RUN, START_KOLLA_RUN, AWAIT_KOLLA_RUN)
                .hasNotPassed(ADD_COMPUTE_UNIT).hasPassed(COMPUTE_NODE_ADDED_END);
        assertThat(site.maas().machine(machine.systemId()).orElseThrow().status()).isEqualTo(MachineStatus.DEPLOYED);
        assertThat(site.kolla().file(site.kolla().inventoryPath()).orElseThrow().content()).contains("\nspare01\n");
        List<PlaybookRun> runs = site.kolla().playbookRuns().stream().filter(r -> r.limit().equals(List.of("spare01"))).toList();
        assertThat(runs).extracting(PlaybookRun::action).containsExactly("bootstrap-servers", "pull", "deploy");
        // and the lab's Nova shows the host with its MAAS machine's capacity, mapped to the cell
        Hypervisor hypervisor = site.nova().hypervisor("spare01").orElseThrow();
        assertThat(hypervisor.vcpus()).isEqualTo(machine.cpuCount());
        assertThat(hypervisor.ramMib()).isEqualTo(machine.memoryMib());
        assertThat(hypervisor.zone()).isEqualTo("az1");
        assertThat(hypervisor.up()).isTrue();
        assertThat(site.nova().cellMapped("spare01")).isTrue();
        // and the smoke-test server is gone again
        assertThat(site.nova().instances()).noneMatch(i -> i.name().startsWith("dayshift-smoke-spare01"));
        assertThat(delta(site, before, "boot-server")).isOne();
        assertThat(delta(site, before, "delete-server")).isOne();
        assertThat(delta(site, before, "maas-deploy")).isOne();
        assertThat(runbooks.summary(pi)).contains("Added compute host spare01").contains("Approved by anna");
        assertThat(steps(pi)).contains("--limit").contains("discover_hosts").contains("dayshift-smoke-spare01-1");
    }

    @Test
    void charmedHappyPathAddsANovaComputeUnitOnThatMachine() {
        // given a Ready, tagged machine of the charmed site
        LabSite site = lab.require("lab-charmed");
        MaasMachine machine = site.maas().machineByHostname("spare01").orElseThrow();
        Map<String, Long> before = site.destructiveActions();

        // when the run is started (no zone: the machine's MAAS zone) and approved
        ProcessInstance pi = start("lab-charmed", "spare01", "");
        runUntilTask(pi, APPROVE_ADDITION);
        assertThat((String) runtime.getVariable(pi.getId(), "plan")).contains("nova-compute").contains("juju add-machine spare01");
        approve(pi, APPROVE_ADDITION, "anna", true, "needed");
        runUntilEnd(pi);

        // then a nova-compute unit (and its subordinates) runs on a Juju machine placed on that MAAS machine
        assertThat(pi).isEnded().hasPassed(ADD_COMPUTE_UNIT, AWAIT_UNIT, DISCOVER_COMPUTE_HOSTS, AWAIT_HYPERVISOR, SMOKE_TEST,
                COMPUTE_NODE_ADDED_END).hasNotPassed(DEPLOY_MACHINE, START_KOLLA_RUN);
        String unit = (String) history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("unit").singleResult().getValue();
        assertThat(site.juju().unit(unit).orElseThrow().workload().current()).isEqualTo("active");
        assertThat(site.juju().jujuMachines()).anyMatch(m -> m.hostname().equals("spare01") && m.instanceId().equals(machine.systemId()));
        assertThat(delta(site, before, "juju-exec-discover-hosts")).isOne();
        assertThat(delta(site, before, "juju-add-unit")).isOne();
        Hypervisor hypervisor = site.nova().hypervisor("spare01").orElseThrow();
        assertThat(hypervisor.vcpus()).isEqualTo(machine.cpuCount());
        assertThat(hypervisor.ramMib()).isEqualTo(machine.memoryMib());
        assertThat(site.nova().cellMapped("spare01")).isTrue();
        assertThat(runbooks.summary(pi)).contains("as Juju unit " + unit);
    }

    // ---- input --------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "lab         | nope99            |     | knows no machine 'nope99'",
            "lab         | new01             |     | is New, not Ready",
            "lab         | spare02           | az9 | has no availability zone az9",
            "lab         | spare02           | az2 | is in MAAS zone az1, not az2",
            "lab         | new01; rm -rf /   |     | is not a MAAS hostname",
            "nowhere     | spare01           |     | there is no site 'nowhere'"})
    void invalidInputIsRejectedBeforeAnythingIsDone(String siteName, String machine, String zone, String why) {
        // given a site's actions so far
        Map<String, Long> before = lab.require("lab").destructiveActions();

        // when a run names something that cannot be added
        ProcessInstance pi = start(siteName, machine, zone == null ? "" : zone);
        runbooks.runJobs();

        // then it ends at once with the reason, having changed nothing
        assertThat(pi).isEnded().hasPassed(INPUT_REJECTED_END).hasNotPassed(CHECK_SITE_HEALTH);
        assertThat(runbooks.summary(pi)).contains(why);
        assertThat(lab.require("lab").destructiveActions()).isEqualTo(before);
    }

    @Test
    void aReadyMachineWithoutTheComputeTagIsRejected() {
        // given a Ready machine that lost its compute tag
        LabSite site = lab.require("lab-charmed");
        String systemId = site.maas().machineByHostname("spare02").orElseThrow().systemId();
        site.maas().untagMachine(systemId, TAG);
        try {
            // when a run names it
            ProcessInstance pi = start("lab-charmed", "spare02", "");
            runbooks.runJobs();

            // then it is rejected, naming the tag
            assertThat(pi).isEnded().hasPassed(INPUT_REJECTED_END);
            assertThat(runbooks.summary(pi)).contains("does not carry the MAAS tag " + TAG);
        } finally {
            site.maas().tagMachine(systemId, TAG);
        }
    }

    // ---- health, approvals ----------------------------------------------------------------------------------------

    @Test
    void aRedSiteStopsTheRunWithTheFindings() {
        // given a hypervisor of the site is down
        LabSite site = lab.require("lab");
        site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn03"));
        Map<String, Long> before = site.destructiveActions();

        // when a run starts
        ProcessInstance pi = start("lab", readyMachine(), "");
        runbooks.runJobs();

        // then the health check's RED verdict stops it before the approval, with the findings in the summary
        assertThat(pi).isEnded().hasPassed(CHECK_SITE_HEALTH, REPORT_UNHEALTHY_SITE, SITE_UNHEALTHY_END).hasNotPassed(PLAN_ADDITION);
        assertThat((String) history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("health").singleResult()
                .getValue()).isEqualTo("RED");
        assertThat(runbooks.summary(pi)).contains("RED").contains("cn03");
        assertThat(site.destructiveActions()).isEqualTo(before);
    }

    @Test
    void aRejectedPlanEndsTheRunWithWhoAndWhy() {
        // given a run waiting for its approval
        ProcessInstance pi = start("lab", readyMachine(), "");
        runUntilTask(pi, APPROVE_ADDITION);
        Map<String, Long> before = lab.require("lab").destructiveActions();

        // when the approver rejects it
        approve(pi, APPROVE_ADDITION, "anna", false, "wrong rack, use spare03");

        // then nothing is done and the summary says who and why
        assertThat(pi).isEnded().hasPassed(RECORD_REJECTION, ADDITION_REJECTED_END).hasNotPassed(DEPLOY_MACHINE);
        assertThat(runbooks.summary(pi)).contains("anna rejected").contains("wrong rack");
        assertThat(lab.require("lab").destructiveActions()).isEqualTo(before);
    }

    @Test
    void theInitiatorCannotApproveOverRest() {
        // given a run started by olga, who is an approver too
        ProcessInstance pi = start("lab", readyMachine(), "");
        runUntilTask(pi, APPROVE_ADDITION);
        String taskId = runbooks.task(pi, APPROVE_ADDITION).getId();
        Http olga = Http.as(port, "olga", Users.PASSWORD);

        // when she claims or completes her own run's approval over REST
        HttpResponse<String> claim = olga.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"olga\"}");
        HttpResponse<String> complete = olga.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\":{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"mine\"}}}");

        // then the engine refuses both (403) and the approval still waits
        assertThat(claim.statusCode()).isEqualTo(403);
        assertThat(claim.body()).contains("Four-eyes rule");
        assertThat(complete.statusCode()).isEqualTo(403);
        assertThat(pi).isWaitingAt(APPROVE_ADDITION);
        runtime.deleteProcessInstance(pi.getId(), "test done");
    }

    // ---- failures after the deploy --------------------------------------------------------------------------------

    @Test
    void aDeployFailingOnTheHostGoesToAnOperatorWhoRetriesAndThenPastTheHypervisorDeadlineRetriesAgain() {
        // given kolla-ansible fails once on the new host
        LabSite site = lab.require("lab");
        site.injectFault(new LabFault("", FaultType.DEPLOY_FAILS, "spare02", "", 1));
        ProcessInstance pi = start("lab", "spare02", "");
        runUntilTask(pi, APPROVE_ADDITION);
        approve(pi, APPROVE_ADDITION, "anna", true, "go");

        // when the run reaches the operator with the playbook's evidence
        runUntilTask(pi, AwaitOperation.DECIDE);
        assertThat(asked(pi, "operationOutcome")).isEqualTo(AwaitOperation.FAILED);
        assertThat(asked(pi, "operationDescription")).contains("bootstrap-servers").contains("--limit").contains("spare02");
        assertThat(asked(pi, "operationDetail")).contains("spare02").contains("failed=1");
        // and the ops lead retries
        decide(pi, "omar", RETRY, "libvirt socket fixed on spare02");

        // then the actions run again under new run ids; this time the hypervisor stays down past its deadline
        site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "spare02"));
        runUntilLook(pi, AWAIT_HYPERVISOR, () -> ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(2)))));
        runUntilTask(pi, AwaitOperation.DECIDE);
        assertThat(asked(pi, "operationOutcome")).isEqualTo(AwaitOperation.TIMED_OUT);
        assertThat(asked(pi, "operationDetail")).contains("nova-compute on spare02 is down");
        site.clearFaults();
        decide(pi, "omar", RETRY, "nova_libvirt restarted");
        runUntilEnd(pi);

        assertThat(pi).isEnded().hasPassed(COMPUTE_NODE_ADDED_END);
        assertThat(site.kolla().playbookRuns().stream().filter(r -> r.limit().equals(List.of("spare02"))).map(PlaybookRun::action).toList())
                .containsExactly("bootstrap-servers", "bootstrap-servers", "pull", "deploy", "bootstrap-servers", "pull", "deploy");
        assertThat(steps(pi)).contains("-Task_StartKollaRun-bootstrap-servers-1").contains("-Task_StartKollaRun-deploy-3");
    }

    @Test
    void aRollbackNeedsAnApprovalThenTakesTheHostOutOfTheInventoryAndReleasesTheMachine() {
        // given a run whose MAAS deployment is not done by its deadline
        LabSite site = lab.require("lab");
        String systemId = site.maas().machineByHostname("spare03").orElseThrow().systemId();
        ProcessInstance pi = start("lab", "spare03", "az2");
        runUntilTask(pi, APPROVE_ADDITION);
        approve(pi, APPROVE_ADDITION, "anna", true, "go");
        runUntilLook(pi, AWAIT_MACHINE, () -> ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(2)))));
        runUntilTask(pi, AwaitOperation.DECIDE);
        assertThat(asked(pi, "operationOutcome")).isEqualTo(AwaitOperation.TIMED_OUT);
        assertThat(asked(pi, "operationDetail")).contains("Deploying");
        decide(pi, "omar", RETRY, "MAAS was slow");
        // and then kolla-ansible keeps failing on the host
        site.injectFault(LabFault.of(FaultType.DEPLOY_FAILS, "spare03"));
        runUntilTask(pi, AwaitOperation.DECIDE);
        assertThat(site.kolla().file(site.kolla().inventoryPath()).orElseThrow().content()).contains("\nspare03\n");

        // when the ops lead rolls back, the first approver refuses, the ops lead insists and the second approves
        decide(pi, "omar", ROLL_BACK, "broken NIC on spare03");
        approve(pi, APPROVE_ROLLBACK, "anna", false, "try once more");
        runUntilTask(pi, DECIDE_AGAIN);
        runbooks.decide(pi, DECIDE_AGAIN, "omar", ROLL_BACK, "NIC confirmed dead by the DC");
        runbooks.runJobs();
        assertThat(runbooks.tryApprove(pi, APPROVE_ROLLBACK, "olga")).as("the initiator cannot approve the rollback").isFalse();
        approve(pi, APPROVE_ROLLBACK, "anna", true, "agreed, hardware fault");
        runUntilEnd(pi);

        // then the host is out of the inventory and the machine released in MAAS
        assertThat(pi).isEnded().hasPassed(DISABLE_COMPUTE_SERVICE, REMOVE_HOST_FROM_INVENTORY, RELEASE_MACHINE, SUMMARISE_ROLLBACK,
                ADDITION_ROLLED_BACK_END).hasNotPassed(REMOVE_COMPUTE_UNIT, COMPUTE_NODE_ADDED_END);
        assertThat(site.kolla().file(site.kolla().inventoryPath()).orElseThrow().content()).doesNotContain("\nspare03\n");
        assertThat(site.maas().machine(systemId).orElseThrow().status()).isIn(MachineStatus.RELEASING, MachineStatus.READY);
        assertThat(runbooks.summary(pi)).contains("Rolled back").contains("Failed: ").contains("bootstrap-servers").contains("taken out of the inventory")
                .contains("Rejected by anna").contains("Approved by anna");
        assertThat(runbooks.steps(pi)).anySatisfy(s -> {
            assertThat(s.step()).isEqualTo(DECIDE_AGAIN);
            assertThat(s.result()).isEqualTo("roll-back (by omar)");
            assertThat(s.target()).isEqualTo("spare03");
        });
    }

    @Test
    void aUnitStuckInErrorGoesToAnOperatorAndASmokeTestThatFailsToo() {
        // given the new unit will be stuck in error (after the health check: every nova-compute unit shows the fault)
        LabSite site = lab.require("lab-charmed");
        ProcessInstance pi = start("lab-charmed", "spare02", "");
        runUntilTask(pi, APPROVE_ADDITION);
        String unitFault = site.injectFault(new LabFault("", FaultType.UNIT_ERROR, "nova-compute", "hook failed: \"install\"", 0)).id();
        approve(pi, APPROVE_ADDITION, "anna", true, "go");

        // when the look at the unit sees the error
        runUntilTask(pi, AwaitOperation.DECIDE);
        assertThat(asked(pi, "operationDetail")).contains("is in error").contains("hook failed");

        // then an operator fixes it and retries; the unit is reused, not added again
        site.removeFault(unitFault);
        long unitsAdded = site.destructiveActions().getOrDefault("juju-add-unit", 0L);
        decide(pi, "omar", RETRY, "juju resolved");
        // and when the host goes down right before the smoke test, the smoke test fails too
        runUntilJob(pi, SmokeTestInstance.BOOT, () -> site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "spare02")));
        runUntilTask(pi, AwaitOperation.DECIDE);
        assertThat(asked(pi, "operationDetail")).contains("ERROR");
        site.clearFaults();
        decide(pi, "omar", RETRY, "power feed fixed");
        runUntilEnd(pi);

        assertThat(pi).isEnded().hasPassed(COMPUTE_NODE_ADDED_END);
        assertThat(site.destructiveActions().getOrDefault("juju-add-unit", 0L)).isEqualTo(unitsAdded);
        assertThat(steps(pi)).contains("dayshift-smoke-spare02-2").contains("dayshift-smoke-spare02-3");
    }

    @Test
    void aUnitThatNeverBecomesActiveMeetsItsDeadlineAndIsRolledBackOnCharmed() {
        // given the new host goes down as soon as it is deployed (its agents are lost)
        LabSite site = lab.require("lab-charmed");
        String systemId = site.maas().machineByHostname("spare03").orElseThrow().systemId();
        site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "spare03"));
        Map<String, Long> before = site.destructiveActions();
        ProcessInstance pi = start("lab-charmed", "spare03", "az2");
        runUntilTask(pi, APPROVE_ADDITION);
        approve(pi, APPROVE_ADDITION, "anna", true, "go");

        // when the unit is still not active past its deadline
        runUntilLook(pi, AWAIT_UNIT, () -> ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(3)))));
        runUntilTask(pi, AwaitOperation.DECIDE);
        assertThat(asked(pi, "operationOutcome")).isEqualTo(AwaitOperation.TIMED_OUT);

        // then the ops lead rolls back with an approval: the unit and its Juju machine go, MAAS gets the machine back
        decide(pi, "omar", ROLL_BACK, "bad PSU");
        approve(pi, APPROVE_ROLLBACK, "anna", true, "ok");
        runUntilEnd(pi);
        assertThat(pi).isEnded().hasPassed(REMOVE_COMPUTE_UNIT, RELEASE_MACHINE, ADDITION_ROLLED_BACK_END).hasNotPassed(REMOVE_HOST_FROM_INVENTORY);
        assertThat(site.juju().jujuMachines()).noneMatch(m -> m.instanceId().equals(systemId));
        assertThat(site.juju().units()).noneMatch(u -> u.machine().isEmpty() && u.application().equals("nova-compute"));
        assertThat(site.maas().machine(systemId).orElseThrow().status()).isIn(MachineStatus.RELEASING, MachineStatus.READY);
        assertThat(delta(site, before, "juju-remove-machine")).isOne();
        assertThat(delta(site, before, "juju-remove-unit")).isOne();
    }

    @Test
    void aFailedSmokeTestGoesToTheRollbackWhichTheApproverRefusesAndTheOpsLeadRetriesTheDeployment() {
        // given a machine of the charmed site, commissioned and tagged, that goes down right before its smoke test
        LabSite site = lab.require("lab-charmed");
        commissioned(site, "new01");
        Map<String, Long> before = site.destructiveActions();
        ProcessInstance pi = start("lab-charmed", "new01", "");
        runUntilTask(pi, APPROVE_ADDITION);
        approve(pi, APPROVE_ADDITION, "anna", true, "go");
        runUntilJob(pi, SmokeTestInstance.BOOT, () -> site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "new01")));

        // when the smoke instance ends in ERROR, the ops lead asks for a rollback and the approver refuses it
        runUntilTask(pi, AwaitOperation.DECIDE);
        assertThat(asked(pi, "operationDetail")).contains("ERROR");
        decide(pi, "omar", ROLL_BACK, "new01 crashes under load");
        approve(pi, APPROVE_ROLLBACK, "anna", false, "it was the PDU, fixed now: try again");
        runUntilTask(pi, DECIDE_AGAIN);
        site.clearFaults();
        runbooks.decide(pi, DECIDE_AGAIN, "omar", RETRY, "PDU replaced");
        runUntilEnd(pi);

        // then the deployment ran again (the unit reused) and a second smoke instance passed; neither is left behind
        assertThat(pi).isEnded().hasPassed(SMOKE_TEST_PASSED, APPROVE_ROLLBACK, DECIDE_AGAIN, COMPUTE_NODE_ADDED_END)
                .hasNotPassed(DISABLE_COMPUTE_SERVICE, ADDITION_ROLLED_BACK_END);
        assertThat(delta(site, before, "juju-add-unit")).isOne();
        assertThat(delta(site, before, "boot-server")).isEqualTo(2);
        assertThat(delta(site, before, "delete-server")).isEqualTo(2);
        assertThat(site.nova().instances()).noneMatch(i -> i.name().startsWith("dayshift-smoke-new01"));
        assertThat(site.nova().hypervisor("new01").orElseThrow().up()).isTrue();
        assertThat(steps(pi)).contains("dayshift-smoke-new01-1").contains("dayshift-smoke-new01-2");
        assertThat(runbooks.summary(pi)).contains("Added compute host new01").contains("Rejected by anna").contains("Approved by anna");
    }

    // ---- technical failure ----------------------------------------------------------------------------------------

    @Test
    void aTechnicalFailureIsRetriedThenBecomesAnIncident() {
        // given Nova's API is down
        lab.require("lab").injectFault(LabFault.of(FaultType.API_DOWN, "compute"));
        ProcessInstance pi = start("lab", readyMachine(), "");
        management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).activityId(START_EVENT).singleResult().getId());

        // when the validation's job fails every time it is retried
        Job job = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
        for (int i = 0; i < 10 && job != null && job.getRetries() > 0; i++) {
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException expected) {
                // the adapter's exception: the job's retries go down
            }
            job = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
        }

        // then an incident names the step, and the run waits there
        assertThat(job.getRetries()).isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult().getActivityId()).isEqualTo(VALIDATE_INPUT);
        assertThat(job.getExceptionMessage()).contains("lab");
        runtime.deleteProcessInstance(pi.getId(), "test done");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static long delta(LabSite site, Map<String, Long> before, String action) {
        return site.destructiveActions().getOrDefault(action, 0L) - before.getOrDefault(action, 0L);
    }

    /**
     * A Ready machine with the compute tag on {@code lab} for the runs that change nothing (the spares are added by other
     * tests): new02, commissioned and tagged once.
     */
    private String readyMachine() {
        commissioned(lab.require("lab"), "new02");
        return "new02";
    }

    /** The machine of that name, commissioned and tagged (once), Ready: its system id. */
    private String commissioned(LabSite site, String hostname) {
        MaasMachine m = site.maas().machineByHostname(hostname).orElseThrow();
        if (m.status() == MachineStatus.NEW) {
            site.maas().commission(m.systemId());
            runbooks.advance(Duration.ofMinutes(5));
            site.maas().tagMachine(m.systemId(), TAG);
        }
        assertThat(site.maas().machine(m.systemId()).orElseThrow().status()).isEqualTo(MachineStatus.READY);
        return m.systemId();
    }

    private ProcessInstance start(String site, String machine, String zone) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("site", site);
        variables.put("machine", machine);
        variables.put("availabilityZone", zone);
        return runbooks.start("olga", PROCESS_KEY, variables);
    }

    /**
     * One round of the waits: runs the due jobs, fires the look timers of the run's waits (await-operation, in the run or a
     * process it called), then every timer that is due on the engine's clock (a deadline the test passed), and runs the jobs
     * again; when a wait is still waiting after its look, two minutes of lab time pass, so every wait is seen unfinished
     * once, then done.
     */
    private void tick(ProcessInstance pi) {
        tick(pi, null);
    }

    private void tick(ProcessInstance pi, String stopAt) {
        if (runbooks.runJobsUntil(stopAt)) {
            return;
        }
        List<Job> looks = lookTimers(pi);
        looks.forEach(this::fire);
        if (runbooks.runJobsUntil(stopAt)) {
            return;
        }
        parts(pi).forEach(part -> management.createJobQuery().processInstanceId(part).timers().executable().list().forEach(this::fire));
        runbooks.runJobsUntil(stopAt);
        List<String> waitingBefore = looks.stream().map(Job::getProcessInstanceId).toList();
        if (lookTimers(pi).stream().anyMatch(j -> waitingBefore.contains(j.getProcessInstanceId()))) {
            runbooks.advance(Duration.ofMinutes(2));
        }
    }

    private void fire(Job job) {
        if (management.createJobQuery().jobId(job.getId()).count() > 0) {
            management.executeJob(job.getId());
        }
    }

    /** The run and the processes it called that still run (await-operation, smoke-test-instance). */
    private List<String> parts(ProcessInstance pi) {
        List<String> ids = new ArrayList<>(List.of(pi.getId()));
        for (int i = 0; i < ids.size(); i++) {
            runtime.createProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list().forEach(p -> ids.add(p.getId()));
        }
        return ids;
    }

    private List<Job> lookTimers(ProcessInstance pi) {
        return parts(pi).stream().flatMap(part -> management.createJobQuery().processInstanceId(part).activityId(AwaitOperation.WAIT).list().stream())
                .toList();
    }

    private boolean running(ProcessInstance pi) {
        return runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0;
    }

    private List<String> where(ProcessInstance pi) {
        return running(pi) ? runtime.getActiveActivityIds(pi.getId()) : List.of();
    }

    private void runUntilTask(ProcessInstance pi, String taskKey) {
        for (int i = 0; i < 40; i++) {
            runbooks.runJobs();
            if (runbooks.task(pi, taskKey) != null) {
                return;
            }
            tick(pi);
        }
        throw new AssertionError("run never reached " + taskKey + "; it is at " + where(pi) + ", summary: "
                + history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("summary").list());
    }

    /** Drives the run until the wait {@code awaitId} is about to look for the first time, does {@code before}, then lets it look. */
    private void runUntilLook(ProcessInstance pi, String awaitId, Runnable before) {
        for (int i = 0; i < 40; i++) {
            runbooks.runJobs();
            if (where(pi).contains(awaitId) && !lookTimers(pi).isEmpty()) {
                before.run();
                tick(pi);
                return;
            }
            tick(pi);
        }
        throw new AssertionError("run never reached " + awaitId + "; it is at " + where(pi));
    }

    /** Drives the run until the job of {@code activityId} (in the run or a process it called) is next, does {@code before}, then lets it run. */
    private void runUntilJob(ProcessInstance pi, String activityId, Runnable before) {
        for (int i = 0; i < 40; i++) {
            if (runbooks.runJobsUntil(activityId)) {
                before.run();
                tick(pi);
                return;
            }
            tick(pi, activityId);
        }
        throw new AssertionError("run never reached " + activityId + "; it is at " + where(pi));
    }

    private void runUntilEnd(ProcessInstance pi) {
        for (int i = 0; i < 60 && running(pi); i++) {
            tick(pi);
        }
        assertThat(pi).isEnded();
    }

    /** A variable of await-operation's decision the run is waiting at, as the ops lead's form shows it. */
    private String asked(ProcessInstance pi, String name) {
        return String.valueOf(tasks.getVariable(runbooks.task(pi, AwaitOperation.DECIDE).getId(), name));
    }

    private void approve(ProcessInstance pi, String key, String user, boolean approved, String reason) {
        runbooks.approve(pi, key, user, approved, reason);
        runbooks.runJobs();
    }

    /** The ops lead decides in await-operation's task. */
    private void decide(ProcessInstance pi, String user, String decision, String note) {
        runbooks.decide(pi, AwaitOperation.DECIDE, user, decision, note);
        runbooks.runJobs();
    }

    private String steps(ProcessInstance pi) {
        return String.valueOf(runbooks.variable(pi, "steps"));
    }
}
