package io.dayshift.access;

import static io.dayshift.access.ApprovalBypassMatrix.Expected.ALLOWED;
import static io.dayshift.access.ApprovalBypassMatrix.Expected.DENIED;
import static io.dayshift.access.ApprovalBypassMatrix.Expected.ENGINE_DECIDES;
import static io.dayshift.access.ApprovalBypassMatrix.Expected.ENGINE_ONLY;
import static io.dayshift.access.ApprovalBypassMatrix.Expected.FORM;
import static io.dayshift.access.ApprovalBypassMatrix.Expected.FOUR_EYES;
import static io.dayshift.access.ApprovalBypassMatrix.Expected.NO_ROUTE;
import static io.dayshift.access.ApprovalBypassMatrix.Expected.NO_REASON_POSSIBLE;
import static io.dayshift.access.ApprovalBypassMatrix.Expected.RECORDED;
import static io.dayshift.access.ApprovalBypassMatrix.Expected.WITH_REASON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.approval.PlanTable;
import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.testing.Http;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.SetProcessDefinitionVersionCmd;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ApplicationContext;

/**
 * Every route around an approval, as Cockpit and Tasklist call it over REST, by each role: a {@code drain-compute-node}
 * on the lab, started by olga (an ops lead who also approves), waits at its approval {@code Task_ApprovePlan}. Each cell
 * asserts its answer — refused with 403 naming the rule, or for the administrator allowed (with a reason where one is
 * needed, leaving an {@code override} step in the run's log) — and that nothing moved: no step started after the approval,
 * the approval still open and unassigned, the run active, and the lab site's changes uncounted. Refused cells share one
 * waiting run; cells the administrator may take get a fresh one. The job executor is off: the test runs the jobs that
 * bring a run to its approval itself, as the engine would, so nothing runs behind a cell's back.
 * Subclasses run the same matrix on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApprovalBypassMatrix {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPROVAL = "Task_ApprovePlan";
    private static final String AFTER_APPROVAL = "Task_DisableComputeService";
    private static final String REASON = "host cn01 must be emptied tonight; approver unreachable, ticket OPS-4712";

    /** What a cell expects. */
    enum Expected {
        /** 403: {@value RunGuard#NO_ROUTE}. */
        NO_ROUTE,
        /** 403: {@value RunGuard#FORM_FIELDS}. */
        FORM,
        /** 403: {@value RunGuard#ENGINE_WRITES}, for everyone. */
        ENGINE_ONLY,
        /** 403: {@value RunGuard#REASON}, with or without a reason (the route carries none). */
        NO_REASON_POSSIBLE,
        /** 403: the four-eyes rule of the approval itself. */
        FOUR_EYES,
        /** 403 from the engine's own authorizations. */
        DENIED,
        /** Without a reason 403 ({@value RunGuard#REASON}); with one 2xx, and an {@code override} step in the run's log. */
        WITH_REASON,
        /** 2xx, and an {@code override} step in the run's log. */
        RECORDED,
        /** 2xx. */
        ALLOWED,
        /** No Dayshift rule refuses it; the engine answers as it does (no such message, a task it will not delete…). */
        ENGINE_DECIDES;

        boolean movesTheRun() {
            return this == WITH_REASON || this == RECORDED || this == ALLOWED || this == ENGINE_DECIDES;
        }
    }

    enum Role {
        INITIATOR("olga"), OTHER_OPS_LEAD("oscar"), APPROVER("alice"), AUDITOR("audrey"), ADMINISTRATOR("admin");

        final String user;

        Role(String user) {
            this.user = user;
        }
    }

    /** What a route acts on: a run waiting at its approval, its approval task, a run waiting at a job, an ended run. */
    record Target(String run, String task, String execution, String definition, String job, String jobDefinition, String ended) {
    }

    /** One route: how Cockpit or Tasklist calls it; {@code reason} is the annotation, null for none. */
    interface Call {
        HttpResponse<String> call(Http user, Target target, String reason);
    }

    /** A route and what it answers each role: initiator, other ops lead, approver, auditor, administrator. */
    record Row(String route, Call call, Expected initiator, Expected otherOpsLead, Expected approver, Expected auditor, Expected administrator) {
        Expected expected(Role role) {
            return switch (role) {
                case INITIATOR -> initiator;
                case OTHER_OPS_LEAD -> otherOpsLead;
                case APPROVER -> approver;
                case AUDITOR -> auditor;
                case ADMINISTRATOR -> administrator;
            };
        }
    }

    static Row row(String route, Expected initiator, Expected otherOpsLead, Expected approver, Expected auditor, Expected administrator, Call call) {
        return new Row(route, call, initiator, otherOpsLead, approver, auditor, administrator);
    }

    /** The start form's fields; the start routes drain cn08, which no target holds (a drain holds its host). */
    private static final String START_FORM = "{\"site\":{\"value\":\"lab\"},\"host\":{\"value\":\"cn08\"},\"reason\":{\"value\":\"firmware\"}}";

    // @formatter:off
    static final List<Row> MATRIX = List.of(
        //  route                                                      initiator     other lead    approver      auditor       administrator
        row("modify: cancel the approval, start the step after it",   NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     WITH_REASON,
                (u, t, r) -> u.postJson(rest("/process-instance/" + t.run() + "/modification"), modification(null, null, r))),
        row("modify asynchronously",                                   NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     WITH_REASON,
                (u, t, r) -> u.postJson(rest("/process-instance/" + t.run() + "/modification-async"), modification(null, null, r))),
        row("modify runs in batch",                                    NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     WITH_REASON,
                (u, t, r) -> u.postJson(rest("/modification/execute"), modification(t.definition(), t.run(), r))),
        row("modify runs in an asynchronous batch",                    NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     WITH_REASON,
                (u, t, r) -> u.postJson(rest("/modification/executeAsync"), modification(t.definition(), t.run(), r))),
        row("restart an ended run after its approval",                 NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_REASON_POSSIBLE,
                (u, t, r) -> u.postJson(rest("/process-definition/" + t.definition() + "/restart"), restart(t))),
        row("restart in a batch",                                      NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_REASON_POSSIBLE,
                (u, t, r) -> u.postJson(rest("/process-definition/" + t.definition() + "/restart-async"), restart(t))),
        row("migrate the run",                                         NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_REASON_POSSIBLE,
                (u, t, r) -> u.postJson(rest("/migration/execute"), migration(t))),
        row("migrate in a batch",                                      NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_REASON_POSSIBLE,
                (u, t, r) -> u.postJson(rest("/migration/executeAsync"), migration(t))),
        row("write a variable of the run",                             NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     RECORDED,
                (u, t, r) -> u.putJson(rest("/process-instance/" + t.run() + "/variables/note"), "{\"value\":\"x\",\"type\":\"String\"}")),
        row("overwrite the run's decisions (approvals)",               ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,
                (u, t, r) -> u.putJson(rest("/process-instance/" + t.run() + "/variables/approvals"),
                        "{\"value\":\"{\\\"decisions\\\":[]}\",\"type\":\"Json\"}")),
        row("rewrite the plan's tables the approver reads (planTable)", ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,
                (u, t, r) -> u.putJson(rest("/process-instance/" + t.run() + "/variables/planTable"),
                        "{\"value\":\"{\\\"title\\\":\\\"Drain cn01\\\",\\\"moves\\\":[]}\",\"type\":\"Json\"}")),
        row("rewrite the plan's text the approver reads (planSummary)", ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,
                (u, t, r) -> u.putJson(rest("/process-instance/" + t.run() + "/variables/planSummary"), "{\"value\":\"nothing moves\",\"type\":\"String\"}")),
        row("set initiator to someone else",                           ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,
                (u, t, r) -> u.putJson(rest("/process-instance/" + t.run() + "/variables/initiator"), "{\"value\":\"oscar\",\"type\":\"String\"}")),
        row("remove a variable of the run",                            NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     RECORDED,
                (u, t, r) -> u.delete(rest("/process-instance/" + t.run() + "/variables/reason"))),
        row("patch the run's variables: approved, requestedBy",        ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,
                (u, t, r) -> u.postJson(rest("/process-instance/" + t.run() + "/variables"),
                        "{\"modifications\":{\"approved\":{\"value\":true}},\"deletions\":[\"requestedBy\"]}")),
        row("write variables of runs in a batch",                      NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     RECORDED,
                (u, t, r) -> u.postJson(rest("/process-instance/variables-async"),
                        "{\"processInstanceIds\":[\"" + t.run() + "\"],\"variables\":{\"note\":{\"value\":\"x\"}}}")),
        row("write the decision as a variable of the approval task",   ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,
                (u, t, r) -> u.putJson(rest("/task/" + t.task() + "/variables/approved"), "{\"value\":true,\"type\":\"Boolean\"}")),
        row("write a local variable of the approval task",             NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     RECORDED,
                (u, t, r) -> u.putJson(rest("/task/" + t.task() + "/localVariables/note"), "{\"value\":\"x\",\"type\":\"String\"}")),
        row("suspend the run",                                         NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ALLOWED,
                (u, t, r) -> u.putJson(rest("/process-instance/" + t.run() + "/suspended"), "{\"suspended\":true}")),
        row("suspend the runbook and its runs",                        NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ALLOWED,
                (u, t, r) -> u.putJson(rest("/process-definition/" + t.definition() + "/suspended"),
                        "{\"suspended\":true,\"includeProcessInstances\":true}")),
        row("suspend runs in a batch",                                 NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ALLOWED,
                (u, t, r) -> u.postJson(rest("/process-instance/suspended-async"),
                        "{\"processInstanceIds\":[\"" + t.run() + "\"],\"suspended\":true}")),
        row("suspend a job",                                           NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ALLOWED,
                (u, t, r) -> u.putJson(rest("/job/" + t.job() + "/suspended"), "{\"suspended\":true}")),
        row("suspend a job definition",                                NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ALLOWED,
                (u, t, r) -> u.putJson(rest("/job-definition/" + t.jobDefinition() + "/suspended"), "{\"suspended\":true,\"includeJobs\":true}")),
        row("execute a job",                                           NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ALLOWED,
                (u, t, r) -> u.postJson(rest("/job/" + t.job() + "/execute"), "")),
        row("change a job's due date",                                 NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ALLOWED,
                (u, t, r) -> u.putJson(rest("/job/" + t.job() + "/duedate"), "{\"duedate\":\"2030-01-01T00:00:00.000+0000\"}")),
        row("recalculate a job's due date",                            NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ENGINE_DECIDES,
                (u, t, r) -> u.postJson(rest("/job/" + t.job() + "/duedate/recalculate"), "")),
        row("correlate a message to the run",                          NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ENGINE_DECIDES,
                (u, t, r) -> u.postJson(rest("/message"), "{\"messageName\":\"Message_Approved\",\"processInstanceId\":\"" + t.run() + "\"}")),
        row("correlate a message to all runs",                         NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ENGINE_DECIDES,
                (u, t, r) -> u.postJson(rest("/message"), "{\"messageName\":\"Message_Approved\",\"all\":true}")),
        row("trigger a message subscription of the run",               NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ENGINE_DECIDES,
                (u, t, r) -> u.postJson(rest("/execution/" + t.execution() + "/messageSubscriptions/Message_Approved/trigger"), "{}")),
        row("deliver a signal",                                        NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ENGINE_DECIDES,
                (u, t, r) -> u.postJson(rest("/signal"), "{\"name\":\"Signal_Approved\",\"executionId\":\"" + t.execution() + "\"}")),
        row("signal the approval's execution",                         NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,
                (u, t, r) -> u.postJson(rest("/execution/" + t.execution() + "/signal"), "{}")),
        row("claim the approval for the initiator",                    FOUR_EYES,    NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     FOUR_EYES,
                (u, t, r) -> u.postJson(rest("/task/" + t.task() + "/claim"), "{\"userId\":\"olga\"}")),
        row("assign the approval to the initiator",                    DENIED,       NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     FOUR_EYES,
                (u, t, r) -> u.postJson(rest("/task/" + t.task() + "/assignee"), "{\"userId\":\"olga\"}")),
        row("delegate the approval to the initiator",                  NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     FOUR_EYES,
                (u, t, r) -> u.postJson(rest("/task/" + t.task() + "/delegate"), "{\"userId\":\"olga\"}")),
        row("resolve the approval",                                    NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ENGINE_DECIDES,
                (u, t, r) -> u.postJson(rest("/task/" + t.task() + "/resolve"), "{\"variables\":{}}")),
        row("add the initiator as a candidate",                        NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ALLOWED,
                (u, t, r) -> u.postJson(rest("/task/" + t.task() + "/identity-links"), "{\"userId\":\"olga\",\"type\":\"candidate\"}")),
        row("remove the approvers as candidates",                      NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ALLOWED,
                (u, t, r) -> u.postJson(rest("/task/" + t.task() + "/identity-links/delete"), "{\"groupId\":\"approvers\",\"type\":\"candidate\"}")),
        row("edit the approval: name, owner, priority",                NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ALLOWED,
                (u, t, r) -> u.putJson(rest("/task/" + t.task()), "{\"name\":\"Approve drain plan (approved)\",\"owner\":\"olga\",\"priority\":1}")),
        row("delete the approval",                                     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     ENGINE_DECIDES,
                (u, t, r) -> u.delete(rest("/task/" + t.task()))),
        row("complete the approval with a variable outside its form",  FORM,         FORM,         FORM,         FORM,         ALLOWED,
                (u, t, r) -> u.postJson(rest("/task/" + t.task() + "/complete"), approve("\"note\":{\"value\":\"x\"}"))),
        row("complete the approval changing its plan (the host)",      ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,
                (u, t, r) -> u.postJson(rest("/task/" + t.task() + "/complete"), approve("\"host\":{\"value\":\"cn02\"}"))),
        row("complete the approval changing its plan's tables",        ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,
                (u, t, r) -> u.postJson(rest("/task/" + t.task() + "/complete"), approve("\"planTable\":{\"value\":\"{}\",\"type\":\"Json\"}"))),
        row("submit the approval form with a variable outside it",     FORM,         FORM,         FORM,         FORM,         ALLOWED,
                (u, t, r) -> u.postJson(rest("/task/" + t.task() + "/submit-form"), approve("\"batchSize\":{\"value\":50}"))),
        row("complete the approval writing the decisions",             ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,
                (u, t, r) -> u.postJson(rest("/task/" + t.task() + "/complete"), approve("\"approvals\":{\"value\":\"{}\",\"type\":\"Json\"}"))),
        row("start a run at the step after the approval",             NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_ROUTE,     NO_REASON_POSSIBLE,
                (u, t, r) -> u.postJson(rest("/process-definition/key/drain-compute-node/start"), "{\"variables\":" + START_FORM
                        + ",\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"" + AFTER_APPROVAL + "\"}]}")),
        row("start a run naming someone else its initiator",           ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,  ENGINE_ONLY,
                (u, t, r) -> u.postJson(rest("/process-definition/key/drain-compute-node/start"), "{\"variables\":"
                        + START_FORM.replace("\"firmware\"}}", "\"firmware\"},\"initiator\":{\"value\":\"alice\"}}") + "}")),
        row("start a run with a variable outside its start form",     FORM,         FORM,         FORM,         FORM,         ALLOWED,
                (u, t, r) -> u.postJson(rest("/process-definition/key/drain-compute-node/submit-form"), "{\"variables\":"
                        + START_FORM.replace("\"firmware\"}}", "\"firmware\"},\"batchSize\":{\"value\":50}}") + "}")));
    // @formatter:on

    /** The service the matrix runs against. */
    protected abstract ApplicationContext service();

    protected abstract int port();

    private final Map<Role, Http> clients = new java.util.EnumMap<>(Role.class);
    private Target shared;

    @BeforeAll
    void usersAndARunWaitingForItsApproval() {
        IdentityService identity = service().getBean(IdentityService.class);
        Users.ensure(identity, "olga", Roles.OPS_LEADS, Roles.APPROVERS);
        Users.ensure(identity, "oscar", Roles.OPS_LEADS);
        Users.ensure(identity, "alice", Roles.APPROVERS);
        Users.ensure(identity, "audrey", Roles.AUDITORS);
        for (Role role : Role.values()) {
            clients.put(role, role == Role.ADMINISTRATOR ? Http.as(port(), "admin", "test-admin-password") : Http.as(port(), role.user, Users.PASSWORD));
        }
        shared = target();
    }

    @TestFactory
    Stream<DynamicTest> everyRouteByEveryRole() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Row row : MATRIX) {
            for (Role role : Role.values()) {
                Expected expected = row.expected(role);
                cells.add(DynamicTest.dynamicTest(row.route() + " | " + role + " | " + expected, () -> cell(row, role, expected)));
            }
        }
        return cells.stream();
    }

    private void cell(Row row, Role role, Expected expected) throws Exception {
        Target target = expected.movesTheRun() ? target() : shared;
        Map<String, Long> labBefore = lab().require("lab").destructiveActions();
        List<String> stepsBefore = activities(target.run());
        Http user = clients.get(role);

        if (expected == WITH_REASON) {
            assertRefused(row.call().call(user, target, null), RunGuard.REASON);
            assertNothingMoved(target, stepsBefore);
            assertAnswered(row.call().call(user, target, REASON), 200, 204);
            assertThat(overrides(target.run())).as("override steps").anySatisfy(step -> {
                assertThat(step.path("target").asText()).isEqualTo("admin");
                assertThat(step.path("result").asText()).isEqualTo(REASON);
            });
        } else {
            HttpResponse<String> answer = row.call().call(user, target, REASON);
            switch (expected) {
                case NO_ROUTE -> assertRefused(answer, RunGuard.NO_ROUTE);
                case FORM -> assertRefused(answer, RunGuard.FORM_FIELDS);
                case ENGINE_ONLY -> assertRefused(answer, RunGuard.ENGINE_WRITES);
                case NO_REASON_POSSIBLE -> assertRefused(answer, RunGuard.REASON);
                case FOUR_EYES -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
                case DENIED -> {
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
                    assertThat(answer.body()).doesNotContain("Rule '");
                }
                case RECORDED -> {
                    assertAnswered(answer, 200, 204);
                    assertThat(overrides(target.run())).as("override steps").anySatisfy(step -> assertThat(step.path("target").asText()).isEqualTo("admin"));
                }
                case ALLOWED -> assertAnswered(answer, 200, 204);
                case ENGINE_DECIDES -> assertThat(answer.body()).as(answer.statusCode() + " " + answer.body()).doesNotContain("Rule '");
                default -> throw new AssertionError(expected);
            }
            if (expected == FOUR_EYES) {
                assertThat(answer.body()).contains("Four-eyes rule");
            }
            if (!expected.movesTheRun()) {
                assertNothingMoved(target, stepsBefore);
            }
        }
        assertThat(lab().require("lab").destructiveActions()).as("changes the lab site counted").isEqualTo(labBefore);
        reactivate(target);
    }

    @Test
    void theJavaApiGivesTheSameRefusals() {
        Target target = shared;
        IdentityService identity = service().getBean(IdentityService.class);
        RuntimeService runtime = service().getBean(RuntimeService.class);
        TaskService tasks = service().getBean(TaskService.class);
        List<String> stepsBefore = activities(target.run());
        try {
            identity.setAuthentication("oscar", List.of(Roles.OPS_LEADS));
            assertThatThrownBy(() -> runtime.createProcessInstanceModification(target.run()).cancelAllForActivity(APPROVAL)
                    .startBeforeActivity(AFTER_APPROVAL).execute())
                    .isInstanceOf(AuthorizationException.class).hasMessageContaining("Rule '" + RunGuard.NO_ROUTE + "': oscar may not modify a running run");
            assertThatThrownBy(() -> runtime.signal(target.execution())).isInstanceOf(AuthorizationException.class)
                    .hasMessageContaining("Rule '" + RunGuard.NO_ROUTE + "'");
            assertThatThrownBy(() -> tasks.setAssignee(target.task(), "olga")).isInstanceOf(AuthorizationException.class)
                    .hasMessageContaining("Rule '" + RunGuard.NO_ROUTE + "'");

            identity.setAuthentication("admin", List.of(Roles.ADMINS));
            assertThatThrownBy(() -> runtime.setVariable(target.run(), "initiator", "alice")).isInstanceOf(AuthorizationException.class)
                    .hasMessageContaining("Rule '" + RunGuard.ENGINE_WRITES + "'");
            assertThatThrownBy(() -> runtime.setVariable(target.run(), "planTable", PlanTable.VARIABLE.typed(new PlanTable("nothing moves", null, null, null, null))))
                    .isInstanceOf(AuthorizationException.class).hasMessageContaining("Rule '" + RunGuard.ENGINE_WRITES + "'");
            assertThatThrownBy(() -> runtime.createProcessInstanceModification(target.run()).cancelAllForActivity(APPROVAL).execute())
                    .isInstanceOf(AuthorizationException.class).hasMessageContaining("Rule '" + RunGuard.REASON + "'");
            assertThatThrownBy(() -> ((ProcessEngineConfigurationImpl) service().getBean(ProcessEngine.class).getProcessEngineConfiguration())
                    .getCommandExecutorTxRequired().execute(new SetProcessDefinitionVersionCmd(target.run(), 1)))
                    .isInstanceOf(AuthorizationException.class).hasMessageContaining("Rule '" + RunGuard.REASON + "'");
        } finally {
            identity.clearAuthentication();
        }
        assertNothingMoved(target, stepsBefore);
    }

    @Test
    void anOpsLeadStillRetriesAFailedJobCancelsARunAndAnswersAnOperatorQuestion() throws Exception {
        Http oscar = clients.get(Role.OTHER_OPS_LEAD);
        ManagementService management = service().getBean(ManagementService.class);
        RuntimeService runtime = service().getBean(RuntimeService.class);

        // a job that failed: the site's compute API was down when the drain listed the host's instances
        String run = startDrain("cn07");
        lab().require("lab").injectFault(new LabFault("", FaultType.API_DOWN, "compute", "", 0));
        Job failed = null;
        try {
            for (int i = 0; i < 6 && failed == null; i++) {
                Job next = management.createJobQuery().processInstanceId(run).singleResult();
                try {
                    management.executeJob(next.getId());
                } catch (RuntimeException expected) {
                    failed = management.createJobQuery().jobId(next.getId()).singleResult();
                }
            }
        } finally {
            lab().require("lab").clearFaults();
        }
        assertThat(failed).as("a failed job").isNotNull();
        assertThat(failed.getExceptionMessage()).isNotBlank();
        HttpResponse<String> retried = oscar.putJson(rest("/job/" + failed.getId() + "/retries"), "{\"retries\":3}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
        assertThat(management.createJobQuery().jobId(failed.getId()).singleResult().getRetries()).isEqualTo(3);

        // cancelling a run
        HttpResponse<String> cancelled = oscar.delete(rest("/process-instance/" + run));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(204);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(run).count()).isZero();

        // answering an operator question with its form's fields
        Target asked = target();
        runtime.createProcessInstanceModification(asked.run()).cancelAllForActivity(APPROVAL).startBeforeActivity("Task_DecideHostNotEmpty").execute();
        Task question = service().getBean(TaskService.class).createTaskQuery().processInstanceId(asked.run()).singleResult();
        assertThat(oscar.postJson(rest("/task/" + question.getId() + "/claim"), "{\"userId\":\"oscar\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> outside = oscar.postJson(rest("/task/" + question.getId() + "/complete"),
                "{\"variables\":{\"decision\":{\"value\":\"finish\"},\"note\":{\"value\":\"x\"},\"batchSize\":{\"value\":50}}}");
        assertRefused(outside, RunGuard.FORM_FIELDS);
        assertThat(outside.body()).contains("batchSize").contains("decision, note");
        HttpResponse<String> answered = oscar.postJson(rest("/task/" + question.getId() + "/complete"),
                "{\"variables\":{\"decision\":{\"value\":\"finish\"},\"note\":{\"value\":\"checked on the host: empty\"}}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);
        assertThat(service().getBean(HistoryService.class).createHistoricActivityInstanceQuery().processInstanceId(asked.run())
                .activityId("Task_DecideHostNotEmpty").finished().count()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ targets

    /**
     * A fresh target for a cell that moves its run: the previous fresh target's runs are cancelled first, since a drain
     * holds its host (a lease), and the shared target keeps cn01–cn03.
     */
    private Target target() {
        if (shared == null) {
            return target("cn01", "cn02", "cn03");
        }
        RuntimeService runtime = service().getBean(RuntimeService.class);
        String sharedAtJob = service().getBean(ManagementService.class).createJobQuery().jobId(shared.job()).singleResult().getProcessInstanceId();
        runtime.createProcessInstanceQuery().rootProcessInstances().list().stream()
                .filter(p -> !p.getId().equals(shared.run()) && !p.getId().equals(sharedAtJob))
                .forEach(p -> runtime.deleteProcessInstance(p.getId(), "cell over", true, true, true, true));
        return target("cn04", "cn05", "cn06");
    }

    /** A drain by olga at its approval, a drain by oscar at its first job, and an ended drain, of these three hosts. */
    private Target target(String approvalHost, String jobHost, String endedHost) {
        String run = startDrain(approvalHost);
        ManagementService management = service().getBean(ManagementService.class);
        TaskService tasks = service().getBean(TaskService.class);
        for (int i = 0; i < 10 && tasks.createTaskQuery().processInstanceId(run).count() == 0; i++) {
            management.createJobQuery().processInstanceId(run).list().forEach(job -> management.executeJob(job.getId()));
        }
        Task approval = tasks.createTaskQuery().processInstanceId(run).taskDefinitionKey(APPROVAL).singleResult();
        assertThat(approval).as("the drain waits at its approval").isNotNull();
        String atJob = startDrain(jobHost);
        Job job = management.createJobQuery().processInstanceId(atJob).singleResult();
        String ended = startDrain(endedHost);
        service().getBean(RuntimeService.class).deleteProcessInstance(ended, "ended, for the restart route");
        String definition = service().getBean(RuntimeService.class).createProcessInstanceQuery().processInstanceId(run).singleResult()
                .getProcessDefinitionId();
        return new Target(run, approval.getId(), approval.getExecutionId(), definition, job.getId(), job.getJobDefinitionId(), ended);
    }

    /** Olga starts a drain over REST, as Tasklist does. */
    private String startDrain(String host) {
        HttpResponse<String> started = clients.get(Role.INITIATOR).postJson(rest("/process-definition/key/drain-compute-node/submit-form"),
                "{\"variables\":" + START_FORM.replace("cn08", host) + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        try {
            return JSON.readTree(started.body()).path("id").asText();
        } catch (Exception e) {
            throw new AssertionError(started.body(), e);
        }
    }

    /** What an administrator's allowed cell suspended is activated again, so that later cells start from an active runbook. */
    private void reactivate(Target target) {
        RuntimeService runtime = service().getBean(RuntimeService.class);
        ManagementService management = service().getBean(ManagementService.class);
        service().getBean(org.camunda.bpm.engine.RepositoryService.class).activateProcessDefinitionById(target.definition(), true, null);
        management.activateJobDefinitionById(target.jobDefinition(), true);
        if (runtime.createProcessInstanceQuery().processInstanceId(target.run()).suspended().count() > 0) {
            runtime.activateProcessInstanceById(target.run());
        }
    }

    // ------------------------------------------------------------------ assertions

    private static void assertRefused(HttpResponse<String> answer, String rule) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).contains("Rule '" + rule + "'");
    }

    private static void assertAnswered(HttpResponse<String> answer, Integer... statuses) {
        assertThat(answer.statusCode()).as(answer.body()).isIn((Object[]) statuses);
    }

    /** The approval still open, unassigned and unchanged, the run active, and no step started after the approval. */
    private void assertNothingMoved(Target target, List<String> stepsBefore) {
        Task approval = service().getBean(TaskService.class).createTaskQuery().taskId(target.task()).singleResult();
        assertThat(approval).as("the approval is still open").isNotNull();
        assertThat(approval.getAssignee()).as("assignee of the approval").isNull();
        assertThat(approval.getName()).isEqualTo("Approve drain plan — " + service().getBean(RuntimeService.class).createProcessInstanceQuery()
                .processInstanceId(target.run()).singleResult().getBusinessKey());
        assertThat(service().getBean(RuntimeService.class).createProcessInstanceQuery().processInstanceId(target.run()).active().count())
                .as("the run is active").isEqualTo(1);
        assertThat(activities(target.run())).as("steps of the run").isEqualTo(stepsBefore);
        assertThat(activities(target.run())).last().as("the last step started").isEqualTo(APPROVAL);
        assertThat(service().getBean(ManagementService.class).createJobQuery().jobId(target.job()).active().count()).as("the job waits").isEqualTo(1);
    }

    private List<String> activities(String run) {
        return service().getBean(HistoryService.class).createHistoricActivityInstanceQuery().processInstanceId(run)
                .orderPartiallyByOccurrence().asc().list().stream().map(HistoricActivityInstance::getActivityId).toList();
    }

    private List<JsonNode> overrides(String run) throws Exception {
        Object steps = service().getBean(HistoryService.class).createHistoricVariableInstanceQuery().processInstanceId(run).variableName("steps")
                .disableCustomObjectDeserialization().singleResult().getTypedValue();
        String json = ((org.camunda.bpm.engine.variable.value.SerializableValue) steps).getValueSerialized();
        List<JsonNode> overrides = new ArrayList<>();
        JSON.readTree(json).path("steps").forEach(step -> {
            if (RunGuard.OVERRIDE.equals(step.path("step").asText())) {
                overrides.add(step);
            }
        });
        return overrides;
    }

    private LabSites lab() {
        return service().getBean(LabSites.class);
    }

    // ------------------------------------------------------------------ request bodies

    private static String rest(String path) {
        return "/engine-rest" + path;
    }

    private static String modification(String definition, String run, String reason) {
        String instructions = "\"skipCustomListeners\":true,\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"" + APPROVAL + "\"},"
                + "{\"type\":\"startBeforeActivity\",\"activityId\":\"" + AFTER_APPROVAL + "\"}]"
                + (reason == null ? "" : ",\"annotation\":\"" + reason + "\"");
        return definition == null ? "{" + instructions + "}"
                : "{\"processDefinitionId\":\"" + definition + "\",\"processInstanceIds\":[\"" + run + "\"]," + instructions + "}";
    }

    private static String restart(Target t) {
        return "{\"processInstanceIds\":[\"" + t.ended() + "\"],\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\""
                + AFTER_APPROVAL + "\"}]}";
    }

    private static String migration(Target t) {
        return "{\"migrationPlan\":{\"sourceProcessDefinitionId\":\"" + t.definition() + "\",\"targetProcessDefinitionId\":\"" + t.definition()
                + "\",\"instructions\":[{\"sourceActivityIds\":[\"" + APPROVAL + "\"],\"targetActivityIds\":[\"" + APPROVAL + "\"]}]},"
                + "\"processInstanceIds\":[\"" + t.run() + "\"]}";
    }

    /** An approval as the approval form submits it (approve, approvalReason) with one more variable. */
    private static String approve(String more) {
        return "{\"variables\":{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"plan checked\"}," + more + "}}";
    }
}
