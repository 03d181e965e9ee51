package io.dayshift.runbook.drain;

import static io.dayshift.runbook.drain.DrainComputeNode.Elements.APPROVE_PLAN;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.AWAIT_MIGRATION;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.DECIDE_HOST_NOT_EMPTY;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.DISABLE_COMPUTE_SERVICE;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.END_DRAIN_ABORTED;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.END_HOST_DRAINED;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.END_HOST_NOT_EMPTY;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.LOOK_AGAIN;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.PLAN_AS_APPROVED;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.END_INPUT_REJECTED;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.END_INSTANCE_ALREADY_GONE;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.END_INSTANCE_MOVED;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.END_INSTANCE_SKIPPED;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.END_NOT_ENOUGH_CAPACITY;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.END_PLAN_REJECTED;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.FINISH_MIGRATION;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.LIST_INSTANCES;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.PLAN_CAPACITY;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.START_MIGRATION;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.VALIDATE_INPUT;
import static io.dayshift.runbook.drain.DrainComputeNode.Elements.VERIFY_HOST_EMPTY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.Hypervisor;
import io.dayshift.lab.model.Instance;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.Flavor;
import io.dayshift.lab.model.LabSite;
import io.dayshift.approval.ApprovalDecision;
import io.dayshift.approval.Approvals;
import io.dayshift.approval.PlanTable;
import io.dayshift.engine.StepRecord;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.await.Operation;
import io.dayshift.site.Sites;
import io.dayshift.testing.Http;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code drain-compute-node}, one method per path, on the whole service with the lab's Nova and Placement behind the
 * production OpenStack adapter: site {@code lab} from {@code lab/drain-kolla.yaml} (one host per test), site
 * {@code lab-charmed} from the default charmed topology. The job executor is off: each test runs the jobs itself and
 * moves the lab's time (the {@code labClock} bean). The class covers every flow node and sequence flow of the model.
 */
@RunbookProcessTest(clock = "2025-05-06T07:00:00Z", uncovered = {"rolling-upgrade", AwaitOperation.PROCESS_KEY})
class DrainComputeNodeProcessTest extends ProcessTestFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REASON = "BIOS update, ticket OPS-4711";

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/drain-kolla.yaml");
        registry.add("dayshift.lab.sites.lab-charmed", () -> "lab/small-charmed.yaml");
        registry.add("dayshift.lab.sites.lab-default", () -> "lab/small-kolla.yaml");
        registry.add("dayshift.retries.openstack", () -> "R2/PT1S");
        registry.add("dayshift.runbooks.drain-compute-node.batch-size", () -> "2");
        registry.add("dayshift.runbooks.drain-compute-node.check-interval", () -> "PT5S");
        registry.add("dayshift.runbooks.drain-compute-node.migration-deadline", () -> "PT10M");
    }

    @Autowired
    ComputeCloud compute;
    @Autowired
    Sites sites;

    @BeforeEach
    void users() {
        runbooks.user("olga", Roles.OPS_LEADS);
        runbooks.user("olivia", Roles.OPS_LEADS);
        runbooks.user("alice", Roles.APPROVERS);
        runbooks.user("ivan", Roles.OPS_LEADS, Roles.APPROVERS);
    }

    // ---- the happy paths -------------------------------------------------------------------------------------

    @Test
    void drainsAKollaHostSpreadingItsInstancesAsPlannedAndLeavesItDisabled() {
        // given cn01 with two running instances, a stopped one and a web frontend whose anti-affinity group has a member on cn02
        List<String> before = idsOn("lab", "cn01");
        assertThat(before).hasSize(4);
        long liveBefore = destructive("lab", "live-migration");
        long coldBefore = destructive("lab", "cold-migration");

        // when olga starts the drain, the plan is made and alice approves it
        ProcessInstance run = start("lab", "cn01", REASON);
        execute(job());
        assertThat(run).isWaitingAt(VALIDATE_INPUT);
        execute(job());
        assertThat(run).isWaitingAt(LIST_INSTANCES);
        execute(job());
        assertThat(run).isWaitingAt(PLAN_CAPACITY);
        execute(job());
        assertThat(run).isWaitingAt(APPROVE_PLAN);
        assertThat(task()).hasCandidateGroup(Roles.APPROVERS);
        String planText = (String) tasks.getVariable(task().getId(), "planSummary");
        assertThat(planText).contains("Drain cn01 (az1) on site lab: 4 instance(s). Reason: \"" + REASON + "\"")
                .contains("happy-03").contains("cold migration, the guest is off").contains("anti-affinity group web-frontends")
                .contains("reserve to keep free (1 × its largest host): 256 vCPU, 262144 MiB RAM, 4000 GiB disk — kept.");
        DrainPlan plan = plan(run);
        assertThat(plan.feasible()).isTrue();
        assertThat(plan.moves()).containsOnlyKeys(before);
        String web01 = model("lab").nova().instances().stream().filter(i -> i.name().equals("web-01")).findFirst().orElseThrow().id();
        assertThat(plan.moves().get(web01)).isNotEqualTo("cn02");
        approve(true, "capacity fine, window agreed");

        // and the first batch starts; Nova is still moving when it is first checked
        execute(job());
        assertThat(run).isWaitingAt(START_MIGRATION);
        assertThat(model("lab").nova().hypervisor("cn01").orElseThrow().enabled()).isFalse();
        runStartsInPlanOrder(run);
        lookOnce(run);
        assertThat(jobs(run, AwaitOperation.WAIT)).as("looks again later").isNotEmpty();
        drive(run);

        // then every instance left cn01 for the host the plan expected, cn01 is empty and disabled with the reason
        assertThat(run).isEnded().hasPassed(DISABLE_COMPUTE_SERVICE, AWAIT_MIGRATION, FINISH_MIGRATION, END_INSTANCE_MOVED, END_HOST_DRAINED);
        assertThat(results(run, FINISH_MIGRATION)).contains("confirmed").doesNotContain(COLD_FALLBACK);
        assertThat(results(run, AwaitOperation.DECIDE)).isEmpty();
        assertThat(idsOn("lab", "cn01")).isEmpty();
        for (String id : before) {
            assertThat(model("lab").nova().instance(id).orElseThrow().host()).as(id).isEqualTo(plan.moves().get(id));
        }
        Hypervisor cn01 = model("lab").nova().hypervisor("cn01").orElseThrow();
        assertThat(cn01.enabled()).isFalse();
        assertThat(cn01.disabledReason()).isEqualTo(OutOfService.reason(REASON, run.getId()));
        assertThat(destructive("lab", "live-migration")).isEqualTo(liveBefore + 3);
        assertThat(destructive("lab", "cold-migration")).isEqualTo(coldBefore + 1);
        assertThat(runbooks.variable(run, "drained")).isEqualTo(true);
        InstanceMoves moved = (InstanceMoves) runbooks.variable(run, "movedInstances");
        assertThat(moved.moves()).extracting(InstanceMove::id).containsExactlyInAnyOrderElementsOf(before);
        assertThat(moved.moves()).allSatisfy(m -> assertThat(m.toHost()).isEqualTo(m.expectedHost()));
        assertThat(runbooks.summary(run)).startsWith("Host cn01 on site lab drained: 4 instance(s) moved (3 live, 1 cold: ")
                .contains("stays disabled (\"" + OutOfService.reason(REASON, run.getId()) + "\") for maintenance").contains("started by olga, approved by alice (\"capacity fine, window agreed\")")
                .contains("return-compute-node");
        assertThat(runbooks.steps(run)).extracting(StepRecord::step).contains(VALIDATE_INPUT, LIST_INSTANCES, PLAN_CAPACITY, DISABLE_COMPUTE_SERVICE,
                START_MIGRATION, AwaitOperation.CHECK, FINISH_MIGRATION, VERIFY_HOST_EMPTY, DrainComputeNode.Elements.SUMMARISE_DRAIN);
    }

    @Test
    void anInstanceThatLandsAfterTheApprovalSendsThePlanBackForApproval() {
        // given the drain of the empty cn12, approved as "nothing to move"
        ProcessInstance run = startAndPlan("lab", "cn12");
        String approvedPlan = (String) tasks.getVariable(task().getId(), "planFingerprint");
        decideApproval("alice", true, "empty host, fine");
        assertThat(run).isWaitingAt(LOOK_AGAIN);

        // when a tenant's instance lands on cn12 before the drain acts
        LabSite lab = model("lab");
        Flavor small = lab.nova().flavors().stream().filter(f -> f.name().equals("m1.small")).findFirst().orElseThrow();
        String late = lab.nova().bootServer("late-01", lab.keystone().adminProjectId(), small.id(), lab.nova().images().get(0).id(), "cn12", "", "", "").id();
        execute(job());

        // then nothing was disabled: the run plans again and asks for approval of the new plan
        assertThat(run).hasPassed(PLAN_AS_APPROVED).hasNotPassed(DISABLE_COMPUTE_SERVICE);
        assertThat(lab.nova().hypervisor("cn12").orElseThrow().enabled()).isTrue();
        execute(job());
        assertThat(run).isWaitingAt(APPROVE_PLAN);
        assertThat((String) tasks.getVariable(task().getId(), "planFingerprint")).isNotEqualTo(approvedPlan);
        assertThat((String) tasks.getVariable(task().getId(), "planSummary")).contains("late-01");

        // and once approved again, the drain moves the late instance and ends drained
        approve(true, "one late instance, fine");
        drive(run);
        assertThat(run).isEnded().hasPassed(END_HOST_DRAINED);
        assertThat(idsOn("lab", "cn12")).isEmpty();
        assertThat(model("lab").nova().instance(late).orElseThrow().host()).isNotEqualTo("cn12");
        List<ApprovalDecision> decisions = ((Approvals.Decisions) runbooks.variable(run, Approvals.DECISIONS.name())).decisions();
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(0).planFingerprint()).isEqualTo(approvedPlan);
        assertThat(decisions.get(1).planFingerprint()).isNotEqualTo(approvedPlan);
        lab.nova().enableComputeService("cn12"); // back in service for the other tests of this class that use cn12
    }

    @Test
    void drainsAHostOfTheCharmedSite() {
        // given cn06 of the charmed lab site with its two running instances
        List<String> before = idsOn("lab-charmed", "cn06");
        assertThat(before).isNotEmpty();

        // when the drain runs and is approved
        ProcessInstance run = start("lab-charmed", "cn06", "kernel update");
        execute(job());
        execute(job());
        execute(job());
        execute(job());
        approve(true, "fine");
        drive(run);

        // then the host is empty, disabled, and its instances stayed in its zone
        assertThat(run).isEnded().hasPassed(END_HOST_DRAINED);
        assertThat(idsOn("lab-charmed", "cn06")).isEmpty();
        assertThat(model("lab-charmed").nova().hypervisor("cn06").orElseThrow().disabledReason()).isEqualTo(OutOfService.reason("kernel update", run.getId()));
        for (String id : before) {
            String host = model("lab-charmed").nova().instance(id).orElseThrow().host();
            assertThat(model("lab-charmed").nova().hypervisor(host).orElseThrow().zone()).isEqualTo("az2");
        }
        assertThat(runbooks.variable(run, "drained")).isEqualTo(true);
    }

    // ---- under a calling run's approval (the rolling upgrade) ------------------------------------------------

    @Test
    void aDrainCalledByARunWhoseApprovedPlanListsTheHostAsksForNoApprovalOfItsOwnButStillPlansCapacity() {
        // given a calling rolling-upgrade run whose plan, listing cn03 of the charmed site, an approver approved
        ProcessInstance parent = startCallingRun("lab-charmed", "cn03", "cn02,cn03");
        Task approval = tasks.createTaskQuery().processInstanceId(parent.getId()).singleResult();
        tasks.claim(approval.getId(), "alice");
        tasks.complete(approval.getId(), Map.of("approve", true, "approvalReason", "upgrade plan CAB-1"));

        // when the drain it called runs
        ProcessInstance run = runtime.createProcessInstanceQuery().superProcessInstanceId(parent.getId()).singleResult();
        drive(run);
        // (cn03 holds an instance in ERROR, which Nova cannot move: the ops lead skips it and finishes)
        for (int i = 0; i < 5 && runtime.createProcessInstanceQuery().processInstanceId(run.getId()).count() > 0; i++) {
            Task question = tasks.createTaskQuery().processInstanceIdIn(parts(run).toArray(String[]::new)).singleResult();
            assertThat(question).as("drain waits for an ops lead").isNotNull();
            tasks.claim(question.getId(), "olivia");
            tasks.complete(question.getId(), Map.of("decision", question.getTaskDefinitionKey().equals(AwaitOperation.DECIDE) ? "skip" : "finish",
                    "note", "instance in ERROR stays"));
            drive(run);
        }

        // then it verified the calling run's approval, planned capacity, and moved the instances without an approval task of its own
        assertThat(run).isEnded().hasPassed(PLAN_CAPACITY, DISABLE_COMPUTE_SERVICE, END_INSTANCE_MOVED).hasNotPassed(APPROVE_PLAN);
        assertThat(idsOn("lab-charmed", "cn03")).hasSizeLessThanOrEqualTo(1);
        assertThat(runbooks.steps(run)).anySatisfy(step -> assertThat(step.action()).isEqualTo("verify the calling run's approval Task_ApprovePlan"))
                .anySatisfy(step -> assertThat(step.evidence()).contains("rolling-upgrade run " + parent.getId()).contains("approved by alice"));
        assertThat(runbooks.variable(run, "parentApproved")).isEqualTo(true);
    }

    @Test
    void aParentApprovalIsRefusedWithoutACallingRunOrWhenItsPlanDoesNotListTheHost() {
        // given a drain started by hand that claims a calling run's approval
        Map<String, Long> before = model("lab-charmed").destructiveActions();
        Map<String, Object> variables = new HashMap<>(Map.of("site", "lab-charmed", "host", "cn04", "reason", REASON, "parentApproval", "Task_ApprovePlan",
                "parentApproved", true));
        // a person cannot even start it: parentApproval is no field of the start form
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runbooks.start("olga", DrainComputeNode.PROCESS_KEY, variables))
                .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class).hasMessageContaining("Rule 'only the form's fields'");
        // and code that starts it without a calling run gets no approval from the claim either
        ProcessInstance byHand = runtime.startProcessInstanceByKey(DrainComputeNode.PROCESS_KEY, variables);
        assertThat(byHand).isStarted();
        execute(job());
        execute(job());

        // and a drain called by a run whose approved plan does not list the host
        ProcessInstance parent = startCallingRun("lab-charmed", "cn02", "cn01");
        Task approval = tasks.createTaskQuery().processInstanceId(parent.getId()).singleResult();
        tasks.claim(approval.getId(), "alice");
        tasks.complete(approval.getId(), Map.of("approve", true, "approvalReason", "upgrade plan CAB-2"));
        ProcessInstance unlisted = runtime.createProcessInstanceQuery().superProcessInstanceId(parent.getId()).singleResult();
        drive(unlisted);

        // then both are rejected before anything changes
        assertThat(byHand).isEnded().hasPassed(END_INPUT_REJECTED);
        assertThat(runbooks.summary(byHand)).contains("this drain was not started by another run");
        assertThat(unlisted).isEnded().hasPassed(END_INPUT_REJECTED);
        assertThat(runbooks.summary(unlisted)).contains("does not list host cn02");
        assertThat(model("lab-charmed").destructiveActions()).isEqualTo(before);
    }

    // ---- input, capacity and approval -----------------------------------------------------------------------

    @Test
    void anApprovalOfPlanTablesChangedAfterTheyWereShownIsRefusedAndNothingMoves() {
        // given a drain of cn01 waiting for its approval, its plan shown as tables, with the fingerprint of what is shown
        long liveBefore = destructive("lab", "live-migration");
        ProcessInstance run = startAndPlan("lab", "cn01");
        String shown = (String) tasks.getVariableLocal(task().getId(), "planFingerprint");
        PlanTable table = (PlanTable) runtime.getVariable(run.getId(), "planTable");
        assertThat(table.moves()).hasSize(4).allSatisfy(move -> assertThat(move.from()).isEqualTo("cn01"));
        assertThat(table.hosts()).isNotEmpty();

        // when only the tables change (the first instance sent elsewhere), the instances and the plan text staying as they were
        List<PlanTable.Move> moves = new ArrayList<>(table.moves());
        PlanTable.Move first = moves.get(0);
        moves.set(0, new PlanTable.Move(first.instance(), first.flavor(), first.from(), "cn99", first.how(), first.localData()));
        runtime.setVariable(run.getId(), "planTable", PlanTable.VARIABLE.typed(new PlanTable(table.title(), moves, table.hosts(), table.steps(), table.notes())));

        // then alice's approval of what she was shown is refused, the run still waits for an approval, and nothing moved
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decideApproval("alice", true, "looks fine"))
                .hasMessageContaining("changed after it was shown (shown " + shown + ", now ");
        assertThat(run).isWaitingAt(APPROVE_PLAN);
        assertThat(runtime.getVariable(run.getId(), Approvals.DECISIONS.name())).isNull();
        assertThat(destructive("lab", "live-migration")).isEqualTo(liveBefore);
    }

    @Test
    void anUnknownHostAndShellSyntaxAreRejectedBeforeAnythingChanges() {
        // given two bad inputs
        Map<String, Long> before = model("lab").destructiveActions();

        // when the runs check them
        ProcessInstance unknown = start("lab", "cn99", REASON);
        execute(job());
        execute(job());
        ProcessInstance injected = start("lab", "cn01; rm -rf /", " ");
        execute(job());
        execute(job());

        // then both end rejected, saying why, and nothing was touched
        assertThat(unknown).isEnded().hasPassed(END_INPUT_REJECTED).hasNotPassed(LIST_INSTANCES);
        assertThat(runbooks.summary(unknown)).startsWith("Input rejected, nothing was changed:\n- host cn99 has no nova-compute service on site lab")
                .contains("cn01, cn02");
        assertThat(injected).isEnded().hasPassed(END_INPUT_REJECTED);
        assertThat(runbooks.summary(injected)).contains("host refused \"cn01; rm -rf /\": expected a host name").contains("give a reason");
        assertThat(runbooks.variable(injected, "drained")).isEqualTo(false);
        assertThat(model("lab").destructiveActions()).isEqualTo(before);
        ProcessInstance noSite = start("nowhere", "cn01", REASON);
        execute(job());
        execute(job());
        assertThat(runbooks.summary(noSite)).contains("there is no site 'nowhere'");
    }

    @Test
    void whenTheOtherHostsCannotTakeTheInstancesTheRunStopsWithTheNumbers() {
        // given cn13 in az3, whose only other host cn14 is full
        Map<String, Long> before = model("lab").destructiveActions();

        // when the drain plans
        ProcessInstance run = start("lab", "cn13", REASON);
        execute(job());
        execute(job());
        execute(job());
        execute(job());

        // then it ends before the approval, with the shortfall, and nothing moved or was disabled
        assertThat(run).isEnded().hasPassed(END_NOT_ENOUGH_CAPACITY).hasNotPassed(APPROVE_PLAN);
        assertThat(runbooks.summary(run)).startsWith("Not enough capacity to drain cn13 on site lab; nothing was changed. lonely-01 (")
                .contains("needs 4 vCPU, 8192 MiB RAM, 80 GiB disk; no host in availability zone az3 has that much free (most free RAM: 0 MiB)");
        assertThat(model("lab").nova().hypervisor("cn13").orElseThrow().enabled()).isTrue();
        assertThat(model("lab").destructiveActions()).isEqualTo(before);
    }

    @Test
    void theReserveIsKeptInTheDrainedHostsZoneNotAcrossTheSite() {
        // given the default lab, where any one host can be drained with N+1 kept in its zone, and then Placement counting
        // 85 % of cn02's RAM as used (an allocation an interrupted migration left behind): az1 cannot keep one host free
        ProcessInstance feasible = start("lab-default", "cn01", REASON);
        execute(job());
        execute(job());
        execute(job());
        execute(job());
        assertThat(feasible).isWaitingAt(APPROVE_PLAN);
        assertThat((String) tasks.getVariable(task().getId(), "planSummary"))
                .contains("Availability zone az1 after the moves: ").contains(" free on 2 host(s); reserve to keep free (1 × its largest host): "
                        + "128 vCPU, 131072 MiB RAM, 1800 GiB disk — kept.")
                .doesNotContain("Availability zone az2").doesNotContain("Warning:");
        runtime.deleteProcessInstance(feasible.getId(), "test: plan seen");
        Map<String, Long> before = model("lab-default").destructiveActions();
        LabFault orphan = model("lab-default").injectFault(LabFault.of(FaultType.ORPHANED_ALLOCATION, "cn02"));

        try {
            // when the drain of cn01 plans, while az2 still has plenty of room
            ProcessInstance run = start("lab-default", "cn01", REASON);
            execute(job());
            execute(job());
            execute(job());
            execute(job());

            // then it ends before the approval, naming the zone, what it would keep and its reserve
            assertThat(run).isEnded().hasPassed(END_NOT_ENOUGH_CAPACITY).hasNotPassed(APPROVE_PLAN);
            assertThat(runbooks.summary(run)).startsWith("Not enough capacity to drain cn01 on site lab-default; nothing was changed. ")
                    .contains("after the moves availability zone az1 would keep ")
                    .contains("on 2 other host(s), less than the reserve of 128 vCPU, 131072 MiB RAM, 1800 GiB disk");
            DrainPlan plan = (DrainPlan) runbooks.variable(run, "plan");
            assertThat(plan.unplaceable()).isEmpty();
            assertThat(plan.loads()).filteredOn(l -> l.host().equals("cn02")).singleElement()
                    .satisfies(l -> assertThat(l.usedBefore().ramMb()).isEqualTo(131_072L * 85 / 100));
            assertThat(model("lab-default").nova().hypervisor("cn01").orElseThrow().enabled()).isTrue();
            assertThat(model("lab-default").destructiveActions()).isEqualTo(before);
        } finally {
            model("lab-default").removeFault(orphan.id());
        }
    }

    @Test
    void anInstancePinnedToAnAggregateMovesToItsHostsOnly() {
        // given cn15 (az2) with ssd-01, whose flavor asks for aggregate metadata ssd=true: cn23 and cn25 have it, cn24 has
        // more free room but does not
        String ssd = idsOn("lab", "cn15").get(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model("lab").nova().liveMigrateServer(ssd, "cn24"))
                .hasMessageContaining("No valid host was found").hasMessageContaining("extra specs");

        // when the drain plans, is approved and runs
        ProcessInstance run = start("lab", "cn15", REASON);
        execute(job());
        execute(job());
        execute(job());
        execute(job());
        assertThat(run).isWaitingAt(APPROVE_PLAN);
        assertThat((String) tasks.getVariable(task().getId(), "planSummary")).contains("pinned to aggregates with ssd=true")
                .contains("Hosts in az2 of aggregates with ssd=true after the moves: ").contains("on 2 host(s)");
        DrainPlan plan = plan(run);
        assertThat(plan.moves().get(ssd)).isIn("cn23", "cn25");
        approve(true, "ssd hosts have room");
        drive(run);

        // then it landed on a host of the aggregate: the lab's scheduler, like Nova's, refuses any other
        assertThat(run).isEnded().hasPassed(END_HOST_DRAINED);
        assertThat(model("lab").nova().instance(ssd).orElseThrow().host()).isIn("cn23", "cn25");
    }

    @Test
    void aRejectedPlanEndsTheRunRecordingWhoAndWhy() {
        // given a plan for cn06 waiting for approval
        ProcessInstance run = startAndPlan("lab", "cn06");

        // when alice rejects it
        approve(false, "not during the sale week");

        // then the run ends, nothing changed, and the summary names her and her reason
        execute(job());
        assertThat(run).isEnded().hasPassed(END_PLAN_REJECTED).hasNotPassed(DISABLE_COMPUTE_SERVICE);
        assertThat(runbooks.summary(run)).isEqualTo("Drain of cn06 on site lab rejected by alice: \"not during the sale week\". Started by olga; nothing was changed.");
        assertThat(model("lab").nova().hypervisor("cn06").orElseThrow().enabled()).isTrue();
        assertThat(runbooks.variable(run, "operatorReason")).isEqualTo(REASON);
    }

    @Test
    void theInitiatorCannotApproveTheirOwnDrainOverRest() throws Exception {
        // given ivan (ops lead and approver) starts a drain over REST
        Http ivan = Http.as(port, "ivan", Users.PASSWORD);
        HttpResponse<String> started = ivan.postJson("/engine-rest/process-definition/key/drain-compute-node/start",
                "{\"variables\":{\"site\":{\"value\":\"lab\"},\"host\":{\"value\":\"cn12\"},\"reason\":{\"value\":\"disk swap\"}}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        ProcessInstance run = runtime.createProcessInstanceQuery().processInstanceId(JSON.readTree(started.body()).get("id").asText()).singleResult();
        assertThat(run).isStarted();
        execute(job());
        execute(job());
        execute(job());
        execute(job());
        assertThat(run).isWaitingAt(APPROVE_PLAN);
        String taskId = task().getId();

        // when he tries to claim and to complete its approval
        HttpResponse<String> claim = ivan.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"ivan\"}");
        HttpResponse<String> complete = ivan.postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\":{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"mine\"}}}");

        // then both are refused and the approval still waits for another approver
        assertThat(claim.statusCode()).isEqualTo(403);
        assertThat(complete.statusCode()).isEqualTo(403);
        assertThat(complete.body()).contains("Four-eyes rule");
        assertThat(run).isWaitingAt(APPROVE_PLAN);
        assertThat(model("lab").nova().hypervisor("cn12").orElseThrow().enabled()).isTrue();
        runtime.deleteProcessInstance(run.getId(), "test over");
    }

    // ---- migrations that fail -------------------------------------------------------------------------------

    @Test
    void aFailedLiveMigrationFallsBackToAColdMigration() {
        // given the next migration of fallback-01 fails (Nova leaves it ACTIVE on cn03, the migration in error)
        model("lab").injectFault(new LabFault("", FaultType.LIVE_MIGRATION_FAILS, "fallback-01", "", 1));
        ProcessInstance run = startPlanAndApprove("cn03");

        // when the drain runs
        drive(run);

        // then the live migration failed, the cold one moved it and was confirmed, and no operator was needed
        assertThat(run).isEnded().hasPassed(FINISH_MIGRATION, END_HOST_DRAINED);
        assertThat(results(run, FINISH_MIGRATION)).contains(COLD_FALLBACK, "confirmed");
        assertThat(results(run, AwaitOperation.DECIDE)).isEmpty();
        assertThat(idsOn("lab", "cn03")).isEmpty();
        InstanceMoves moved = (InstanceMoves) runbooks.variable(run, "movedInstances");
        assertThat(moved.moves()).singleElement().satisfies(m -> assertThat(m.how()).isEqualTo("cold"));
        assertThat(runbooks.summary(run)).contains("1 instance(s) moved (0 live, 1 cold: fallback-01 → ");
    }

    @Test
    void aMigrationThatKeepsFailingGoesToAnOpsLeadWhoRetriesItOnceFixed() {
        // given every migration of retry-01 fails, live and cold
        LabFault fault = model("lab").injectFault(new LabFault("", FaultType.LIVE_MIGRATION_FAILS, "retry-01", "", 0));
        ProcessInstance run = startPlanAndApprove("cn04");

        // when the live migration and the cold one fail
        drive(run);

        // then an ops lead sees what Nova shows
        assertThat(run).isWaitingAt(AWAIT_MIGRATION);
        assertThat(results(run, FINISH_MIGRATION)).contains(COLD_FALLBACK);
        assertThat(runbooks.task(run, AwaitOperation.DECIDE)).hasCandidateGroup(Roles.OPS_LEADS);
        assertThat(detail(run)).contains("retry-01").contains("ACTIVE").contains("on cn04")
                .contains("newest migration migration error cn04 → ");
        long live = destructive("lab", "live-migration");

        // and once the cause is fixed, a retry moves it live
        model("lab").removeFault(fault.id());
        decide(run, AwaitOperation.DECIDE, "retry", "libvirt on cn04 restarted");
        drive(run);
        assertThat(run).isEnded().hasPassed(END_INSTANCE_MOVED, END_HOST_DRAINED);
        assertThat(destructive("lab", "live-migration")).isEqualTo(live + 1);
        assertThat(runbooks.steps(run)).anySatisfy(s -> assertThat(s.action()).isEqualTo("operator decision: retry"));
    }

    @Test
    void anInstanceNovaCannotMoveIsSkippedAndTheHostIsCheckedAgainAfterTheOperatorDeletedIt() {
        // given broken-01 on cn05 is in ERROR
        ProcessInstance run = startPlanAndApprove("cn05");

        // when the run tries to move it
        drive(run);

        // then Nova's refusal goes to an ops lead, who skips it
        assertThat(run).isWaitingAt(AWAIT_MIGRATION);
        assertThat(detail(run)).contains("ERROR").contains("Nova moves neither live nor cold");
        decide(run, AwaitOperation.DECIDE, "skip", "dead VM, the owner will delete it");
        drive(run);

        // and the host is not empty: after deleting the instance by hand, the ops lead checks again and the host is drained
        assertThat(run).isWaitingAt(DECIDE_HOST_NOT_EMPTY).hasPassed(END_INSTANCE_SKIPPED);
        assertThat((String) tasks.getVariable(runbooks.task(run, DECIDE_HOST_NOT_EMPTY).getId(), "evidence")).contains("broken-01").contains("ERROR");
        idsOn("lab", "cn05").forEach(id -> model("lab").nova().deleteServer(id));
        decide(run, DECIDE_HOST_NOT_EMPTY, "recheck", "deleted broken-01 with the owner's consent");
        drive(run);
        assertThat(run).isEnded().hasPassed(END_HOST_DRAINED);
        assertThat(runbooks.variable(run, "drained")).isEqualTo(true);
        assertThat(runbooks.summary(run)).contains("no instance moved");
    }

    @Test
    void anAbortBeforeAnythingMovedEnablesTheComputeServiceAgain() {
        // given every migration of abort-01 on cn07 fails
        LabFault fault = model("lab").injectFault(new LabFault("", FaultType.LIVE_MIGRATION_FAILS, "abort-01", "", 0));
        ProcessInstance run = startPlanAndApprove("cn07");
        drive(run);
        assertThat(model("lab").nova().hypervisor("cn07").orElseThrow().enabled()).isFalse();

        // when the ops lead aborts
        assertThat(run).isWaitingAt(AWAIT_MIGRATION);
        decide(run, AwaitOperation.DECIDE, "abort", "hypervisor misbehaves, investigate first");
        drive(run);

        // then nothing had moved, so cn07 is enabled again and the summary says so
        assertThat(run).isEnded().hasPassed(END_DRAIN_ABORTED);
        assertThat(model("lab").nova().hypervisor("cn07").orElseThrow().enabled()).isTrue();
        assertThat(runbooks.summary(run)).startsWith("Drain of cn07 on site lab aborted by olivia (\"hypervisor misbehaves, investigate first\")")
                .contains("Nothing had moved, so its nova-compute service was enabled again.");
        assertThat(runbooks.variable(run, "drained")).isEqualTo(false);
        model("lab").removeFault(fault.id());
    }

    @Test
    void anAbortAfterAnInstanceMovedLeavesTheComputeServiceDisabledAndSaysSo() {
        // given partial-02 on cn08 cannot move, partial-01 can
        LabFault fault = model("lab").injectFault(new LabFault("", FaultType.LIVE_MIGRATION_FAILS, "partial-02", "", 0));
        ProcessInstance run = startPlanAndApprove("cn08");
        drive(run);
        assertThat(run).isWaitingAt(AWAIT_MIGRATION);
        assertThat(runbooks.task(run, AwaitOperation.DECIDE)).isNotNull();

        // when the ops lead aborts
        decide(run, AwaitOperation.DECIDE, "abort", "stop here");
        drive(run);

        // then cn08 stays disabled, and the summary says why and what is left
        assertThat(run).isEnded().hasPassed(END_DRAIN_ABORTED);
        assertThat(model("lab").nova().hypervisor("cn08").orElseThrow().enabled()).isFalse();
        assertThat(runbooks.summary(run)).contains("Its nova-compute service is left disabled: 1 instance(s) had left the host")
                .contains("partial-01 → ").contains("Still on the host: partial-02");
        model("lab").removeFault(fault.id());
    }

    @Test
    void aMigrationPastItsDeadlineGoesToAnOpsLeadAndAHostLeftNotEmptyEndsNotDrained() {
        // given slow-01's live migration has started on cn09 and lab time stands still
        ProcessInstance run = startPlanAndApprove("cn09");
        execute(job());
        execute(job());
        lookOnce(run);
        assertThat(jobs(run, AwaitOperation.WAIT)).isNotEmpty();

        // when the deadline passes
        runJobs(run, AwaitOperation.DEADLINE_PASSED);

        // then an ops lead decides; skipping leaves the instance on the host, and finishing ends the run not drained
        assertThat(run).isWaitingAt(AWAIT_MIGRATION);
        assertThat(detail(run)).contains("MIGRATING");
        decide(run, AwaitOperation.DECIDE, "skip", "leave it, we will look tomorrow");
        runJobs(run, VERIFY_HOST_EMPTY);
        assertThat(run).isWaitingAt(DECIDE_HOST_NOT_EMPTY);
        decide(run, DECIDE_HOST_NOT_EMPTY, "finish", "maintenance postponed");
        runJobs(run, DrainComputeNode.Elements.SUMMARISE_INCOMPLETE_DRAIN);
        assertThat(run).isEnded().hasPassed(END_INSTANCE_SKIPPED, END_HOST_NOT_EMPTY).hasNotPassed(END_HOST_DRAINED);
        assertThat(runbooks.variable(run, "drained")).isEqualTo(false);
        assertThat(runbooks.summary(run)).startsWith("Host cn09 on site lab NOT drained, 1 instance(s) left on it (slow-01 (");
        runbooks.advance(Duration.ofSeconds(10)); // let the lab finish that migration for the other tests
    }

    // ---- technical failures and retried steps ---------------------------------------------------------------

    @Test
    void anUnavailableComputeApiIsRetriedThenRaisesAnIncidentNamingSiteHostAndOperation() {
        // given Nova's API answers 503
        LabFault fault = model("lab").injectFault(new LabFault("", FaultType.API_DOWN, "compute", "", 0));
        ProcessInstance run = start("lab", "cn10", REASON);
        execute(job());

        // when the first step has used its retries (R2/PT1S here)
        runbooks.exhaustRetries(run);

        // then an incident says what failed and where
        Incident incident = runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(VALIDATE_INPUT);
        assertThat(incident.getIncidentMessage()).contains("site lab").contains("503");
        assertThat(run).isNotEnded();

        // and once the API is back, an ops lead retries it and the run goes on
        model("lab").removeFault(fault.id());
        management.setJobRetries(job().getId(), 1);
        execute(job());
        assertThat(run).isWaitingAt(LIST_INSTANCES);
        runtime.deleteProcessInstance(run.getId(), "test over");
    }

    @Test
    void stepsThatRunTwiceDoNotMigrateAnInstanceTwice() {
        // given a drain of cn11 whose first batch is about to start
        ProcessInstance run = startPlanAndApprove("cn11");
        execute(job());
        assertThat(run).isWaitingAt(START_MIGRATION);
        List<String> order = ((DrainInstances) runbooks.variable(run, "instances")).ids();
        String first = order.get(0);
        String second = order.get(1);
        // the first start step already reached Nova once (its transaction was then lost), and someone moved the second by hand
        compute.liveMigrate(sites.require("lab"), second);
        runbooks.advance(Duration.ofSeconds(10));
        compute.liveMigrate(sites.require("lab"), first);
        long live = destructive("lab", "live-migration");

        // when the steps run
        runStartsInPlanOrder(run);
        drive(run);

        // then neither was migrated again: the first was only awaited, the second was already elsewhere
        assertThat(destructive("lab", "live-migration")).isEqualTo(live);
        assertThat(run).isEnded().hasPassed(END_INSTANCE_ALREADY_GONE, END_INSTANCE_MOVED, END_HOST_DRAINED);
        assertThat(runbooks.steps(run)).filteredOn(s -> START_MIGRATION.equals(s.step())).extracting(StepRecord::result)
                .containsExactlyInAnyOrder("started", "elsewhere");
        assertThat(runbooks.steps(run)).anySatisfy(s -> assertThat(s.action()).contains("already moving, not started again"));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /**
     * A minimal calling run under the key of the rolling upgrade, deployed by this test only: an approval of its plan
     * ({@code Task_ApprovePlan}, offered to approvers, so the engine's four-eyes listener records it), then the drain
     * called with {@code parentApproval}.
     */
    private ProcessInstance startCallingRun(String site, String host, String plannedHosts) {
        if (repository.createProcessDefinitionQuery().processDefinitionKey("rolling-upgrade").processDefinitionName("calling run (test)").count() == 0) {
            BpmnModelInstance model = Bpmn.createExecutableProcess("rolling-upgrade").name("calling run (test)").camundaHistoryTimeToLive(1)
                    .startEvent("StartEvent_Started").camundaInitiator("initiator")
                    .userTask("Task_ApprovePlan").camundaCandidateGroups("approvers")
                    .callActivity("Task_DrainHost").calledElement(DrainComputeNode.PROCESS_KEY)
                    .camundaIn("site", "site").camundaIn("host", "host").camundaIn("reason", "reason").camundaIn("parentApproval", "parentApproval")
                    .endEvent("EndEvent_Done").done();
            repository.createDeployment().name("calling run (test)").addModelInstance("calling-run.bpmn", model).deploy();
        }
        // started as the engine: this stand-in has no start form, and what a runbook passes to its drain no person passes
        return runtime.startProcessInstanceByKey("rolling-upgrade", Map.of("site", site, "host", host, "reason", "rolling upgrade to 2024.1",
                "parentApproval", "Task_ApprovePlan", "plannedHosts", plannedHosts));
    }

    private ProcessInstance start(String site, String host, String reason) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("site", site);
        variables.put("host", host);
        variables.put("reason", reason);
        ProcessInstance run = runbooks.start("olga", DrainComputeNode.PROCESS_KEY, variables);
        assertThat(run).isStarted().hasPassed(DrainComputeNode.Elements.START);
        return run;
    }

    private ProcessInstance startAndPlan(String site, String host) {
        ProcessInstance run = start(site, host, REASON);
        execute(job());
        execute(job());
        execute(job());
        execute(job());
        assertThat(run).isWaitingAt(APPROVE_PLAN);
        return run;
    }

    private ProcessInstance startPlanAndApprove(String host) {
        ProcessInstance run = startAndPlan("lab", host);
        approve(true, "go ahead");
        return run;
    }

    /**
     * Alice (an approver, not the initiator) claims the approval and decides; an approved run then looks at the host
     * again and, finding the instances the plan lists, goes on to disable it.
     */
    private void approve(boolean approved, String reason) {
        decideApproval("alice", approved, reason);
        Job lookAgain = management.createJobQuery().activityId(LOOK_AGAIN).singleResult();
        if (lookAgain != null) {
            execute(lookAgain);
        }
    }

    private void decideApproval(String approver, boolean approved, String reason) {
        Task task = task();
        tasks.claim(task.getId(), approver);
        tasks.complete(task.getId(), Map.of("approve", approved, "approvalReason", reason));
    }

    /** Olivia (an ops lead) claims the run's operator task {@code key} (in the run or in its await-operation) and decides. */
    private void decide(ProcessInstance run, String key, String decision, String note) {
        runbooks.decide(run, key, "olivia", decision, note);
    }

    /** What the last look at the migration found, as the ops lead's decision form shows it. */
    private String detail(ProcessInstance run) {
        return (String) tasks.getVariable(runbooks.task(run, AwaitOperation.DECIDE).getId(), AwaitOperation.DETAIL.name());
    }

    /** The results of the run's step records of one element. */
    private List<String> results(ProcessInstance run, String step) {
        return runbooks.steps(run).stream().filter(s -> step.equals(s.step())).map(StepRecord::result).toList();
    }

    /** The run and the await-operation instances it called. */
    private List<String> parts(ProcessInstance run) {
        List<String> ids = new ArrayList<>(List.of(run.getId()));
        runtime.createProcessInstanceQuery().superProcessInstanceId(run.getId()).list().forEach(p -> ids.add(p.getId()));
        return ids;
    }

    /** The jobs of the run and of the waits it called, at one activity (null: all). */
    private List<Job> jobs(ProcessInstance run, String activityId) {
        return parts(run).stream().flatMap(id -> (activityId == null ? management.createJobQuery().processInstanceId(id)
                : management.createJobQuery().processInstanceId(id).activityId(activityId)).list().stream()).toList();
    }

    /** Enters each started wait and takes its first look, without moving lab time. */
    private void lookOnce(ProcessInstance run) {
        runJobs(run, AWAIT_MIGRATION);
        runJobs(run, AwaitOperation.START_EVENT);
        runJobs(run, AwaitOperation.WAIT);
        runJobs(run, AwaitOperation.CHECK);
    }

    /**
     * Runs the run's jobs until only user tasks or deadline timers are left: async steps at once, each wait for Nova after
     * the lab's time moved on 10 s (a live migration takes 5 s, a cold one 8 s). Start steps run in the plan's order.
     */
    private void drive(ProcessInstance run) {
        for (int i = 0; i < 300; i++) {
            Set<String> deadlines = jobs(run, AwaitOperation.DEADLINE_PASSED).stream().map(Job::getId).collect(Collectors.toSet());
            List<Job> ready = jobs(run, null).stream()
                    .filter(j -> !deadlines.contains(j.getId())).sorted(Comparator.comparingInt(this::planIndex)).toList();
            if (ready.isEmpty()) {
                return;
            }
            Job next = ready.get(0);
            boolean waitForNova = jobs(run, AwaitOperation.WAIT).stream().anyMatch(j -> j.getId().equals(next.getId()));
            if (waitForNova) {
                runbooks.advance(Duration.ofSeconds(10));
            }
            execute(next);
        }
        throw new AssertionError("the run did not come to rest");
    }

    private void runStartsInPlanOrder(ProcessInstance run) {
        List<Job> starts = new ArrayList<>(management.createJobQuery().processInstanceId(run.getId()).activityId(START_MIGRATION).list());
        starts.sort(Comparator.comparingInt(this::planIndex));
        starts.forEach(j -> execute(j));
    }

    private void runJobs(ProcessInstance run, String activityId) {
        List<Job> jobs = jobs(run, activityId);
        assertThat(jobs).as("jobs at " + activityId).isNotEmpty();
        jobs.forEach(j -> execute(j));
    }

    /** Where the job's instance stands in the run's migration order (a wait's, by the operation it awaits); jobs of no instance first. */
    private int planIndex(Job job) {
        Object id = job.getExecutionId() == null ? null : runtime.getVariable(job.getExecutionId(), "instanceId");
        if (id == null && job.getExecutionId() != null && runtime.getVariable(job.getExecutionId(), "operation") instanceof Operation awaited) {
            id = awaited.handle().get("instanceId");
        }
        if (id == null) {
            return -1;
        }
        String drain = job.getProcessInstanceId();
        while (runtime.getVariable(drain, "instances") == null) {
            drain = runtime.createProcessInstanceQuery().subProcessInstanceId(drain).singleResult().getId();
        }
        return ((DrainInstances) runtime.getVariable(drain, "instances")).ids().indexOf(id);
    }

    private static final String COLD_FALLBACK = "started after the live migration failed";

    private LabSite model(String site) {
        return lab.require(site);
    }

    private List<String> idsOn(String site, String host) {
        return model(site).nova().instancesOn(host).stream().map(Instance::id).toList();
    }

    private long destructive(String site, String action) {
        return model(site).destructiveActions().getOrDefault(action, 0L);
    }

    private DrainPlan plan(ProcessInstance run) {
        return (DrainPlan) runtime.getVariable(run.getId(), "plan");
    }
}
