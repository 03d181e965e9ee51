package io.dayshift.runbook.await;

import static io.dayshift.runbook.await.AwaitOperation.DECIDE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.runbook.OperatorChoices;
import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import io.dayshift.evidence.Call;
import io.dayshift.evidence.Decision;
import io.dayshift.evidence.EvidenceStore;
import io.dayshift.site.Sites;
import io.dayshift.testing.Http;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code await-operation}, one method per path, on a real detached kolla-ansible run on the lab's deployer: the run ends
 * well, fails, or outlasts its deadline; the ops lead keeps waiting or decides among the runbook's decisions.
 */
@RunbookProcessTest(clock = "2026-11-21T02:00:00Z", timeFactor = "0.01")
class AwaitOperationProcessTest extends ProcessTestFixture {

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/small-kolla.yaml");
        registry.add("dayshift.retries.kolla", () -> "R1/PT1M");
    }

    @Autowired
    KollaDeployer kolla;
    @Autowired
    EvidenceStore evidence;
    @Autowired
    Sites sites;

    /** The freeze a test put on lab, lifted after it. */
    private String freeze;

    @BeforeEach
    void users() {
        runbooks.user("olga", Roles.OPS_LEADS);
    }

    @Test
    void aRunThatEndsWellReturnsSucceededAndLogsEachLook() {
        // given a deploy of cc01 started on the deployer
        ProcessInstance await = await(start(KollaAction.DEPLOY, "cc01"), "PT10M");

        // when the first look finds it running and a later one finished
        look(await);
        assertThat(await).isWaitingAt(AwaitOperation.WAIT);
        runbooks.advance(Duration.ofHours(2));
        look(await);

        // then the wait ended well, with no decision asked, and each look is in the log
        assertThat(await).isEnded().hasPassed(AwaitOperation.SUCCEEDED_END).hasNotPassed(DECIDE);
        assertThat(runbooks.variable(await, "operationOutcome")).isEqualTo(AwaitOperation.SUCCEEDED);
        assertThat(runbooks.steps(await)).extracting(StepRecord::result).first().asString().startsWith("running");
        assertThat(runbooks.steps(await)).extracting(StepRecord::result).last().asString().startsWith("succeeded");
        assertThat(runbooks.steps(await)).extracting(StepRecord::action).allMatch(a -> a.startsWith("look at kolla-ansible") && a.contains("deploy"));
    }

    @Test
    void aWaitBegunBeforeTheLookScheduleExistedLooksOnFromItsNextLook() {
        // given a wait as the previous version left it: no start of its own, the runbook's first look as its next
        ProcessInstance await = await(start(KollaAction.DEPLOY, "cc01"), "PT10M");
        runtime.removeVariable(await.getId(), AwaitOperation.WAIT_STARTED.name());

        // when its looks run, the first finding it running, a later one finished
        look(await);
        assertThat(await).isWaitingAt(AwaitOperation.WAIT);
        assertThat(runtime.getVariable(await.getId(), AwaitOperation.WAIT_STARTED.name())).isNotNull();
        runbooks.advance(Duration.ofHours(2));
        look(await);

        // then it ended well, as any wait
        assertThat(await).isEnded().hasPassed(AwaitOperation.SUCCEEDED_END);
    }

    @Test
    void aFailedRunAsksTheOpsLeadAmongTheRunbooksDecisionsAndReturnsTheirs() {
        // given a deploy of cc02 that fails on the site
        lab.require("lab").injectFault(LabFault.of(FaultType.DEPLOY_FAILS, "cc02"));
        ProcessInstance await = await(start(KollaAction.DEPLOY, "cc02"), "PT10M");
        runbooks.advance(Duration.ofHours(2));

        // when the look finds it failed
        look(await);

        // then an ops lead decides, offered only the runbook's decisions (no waiting for a failed run), with what failed
        assertThat(await).isWaitingAt(DECIDE);
        String task = runbooks.task(await, DECIDE).getId();
        assertThat(OperatorChoices.values(tasks.getVariable(task, AwaitOperation.CHOICES))).containsExactly("retry", "abort");
        assertThat((String) tasks.getVariable(task, "operationDetail")).isNotBlank();
        assertThat((String) tasks.getVariable(task, "operationDescription")).contains("deploy").contains("on site lab");

        // a decision the runbook does not offer, or one without a note, is refused by name
        assertThatThrownBy(() -> runbooks.decide(await, DECIDE, "olga", "wait", "maybe it heals")).isInstanceOf(FormFieldValidationException.class)
                .hasMessageContaining("needs a decision: retry, abort");
        assertThatThrownBy(() -> runbooks.decide(await, DECIDE, "olga", "abort", " ")).isInstanceOf(FormFieldValidationException.class)
                .hasMessageContaining("needs a note");
        runbooks.decide(await, DECIDE, "olga", "abort", "cc02's disk is failing, OPS-12");

        // and the wait returns her decision, recorded with her name
        assertThat(await).isEnded().hasPassed(AwaitOperation.DECIDED_END).hasNotPassed(AwaitOperation.SUCCEEDED_END);
        assertThat(runbooks.variable(await, "operationOutcome")).isEqualTo(AwaitOperation.FAILED);
        assertThat(runbooks.variable(await, "decision")).isEqualTo("abort");
        assertThat(runbooks.steps(await)).last().satisfies(s -> {
            assertThat(s.step()).isEqualTo(DECIDE);
            assertThat(s.result()).isEqualTo("abort (by olga)");
            assertThat(s.target()).isEqualTo("cc02");
        });
        // and in its evidence journal: the look that found the deploy failed, as the adapter saw it, then her decision
        assertThat(evidence.entries(await.getId())).filteredOn(e -> e.origin().equals(Call.KOLLA)).last()
                .satisfies(e -> assertThat(e.outcome()).doesNotStartWith("SUCCEEDED").contains("(exit ").contains("recap"));
        assertThat(evidence.entries(await.getId())).filteredOn(e -> e.kind().equals(Decision.OPERATOR)).singleElement().satisfies(e -> {
            assertThat(e.step()).isEqualTo(DECIDE);
            assertThat(e.action()).isEqualTo("abort");
            assertThat(e.outcome()).isEqualTo("by olga");
            assertThat(e.detail()).isEqualTo("cc02's disk is failing, OPS-12");
            assertThat(e.target()).isEqualTo("cc02");
        });
    }

    @Test
    void aRunPastItsDeadlineMayBeWaitedForAgainUntilItEnds() {
        // given a deploy that is still running when its deadline passes
        ProcessInstance await = await(start(KollaAction.DEPLOY, "cc03"), "PT10M");
        look(await);
        management.executeJob(management.createJobQuery().processInstanceId(await.getId()).activityId(AwaitOperation.DEADLINE_PASSED).singleResult().getId());

        // then an ops lead is asked, and may keep waiting
        assertThat(await).isWaitingAt(DECIDE).hasNotPassed(AwaitOperation.CHECK + "-never");
        assertThat(runbooks.variable(await, "operationOutcome")).isEqualTo(AwaitOperation.TIMED_OUT);
        assertThat(OperatorChoices.values(tasks.getVariable(runbooks.task(await, DECIDE).getId(), AwaitOperation.CHOICES)))
                .containsExactly("wait", "retry", "abort");
        runbooks.decide(await, DECIDE, "olga", "wait", "the pull is slow today");

        // when the run then ends
        assertThat(await).isWaitingAt(AwaitOperation.WAIT);
        runbooks.advance(Duration.ofHours(2));
        look(await);

        // then the wait ends well
        assertThat(await).isEnded().hasPassed(AwaitOperation.SUCCEEDED_END, AwaitOperation.KEEP_WAITING);
        assertThat(runbooks.variable(await, "decision")).isEqualTo("wait");
    }

    @Test
    void aRunbookThatDecidesItselfGetsTheFailureBackAtOnce() {
        // given a deploy that fails, awaited by a runbook that offers no decisions (it runs unattended)
        lab.require("lab").injectFault(LabFault.of(FaultType.DEPLOY_FAILS, "cc02"));
        ProcessInstance await = await(start(KollaAction.DEPLOY, "cc02"), "PT10M", "");
        runbooks.advance(Duration.ofHours(2));

        // when the look finds it failed
        look(await);

        // then no one is asked: the failure and what was seen go back to the runbook
        assertThat(await).isEnded().hasPassed(AwaitOperation.NOT_DONE_END).hasNotPassed(DECIDE);
        assertThat(runbooks.variable(await, "operationOutcome")).isEqualTo(AwaitOperation.FAILED);
        assertThat((String) runbooks.variable(await, "operationDetail")).isNotBlank();
    }

    @Test
    void anOperationNoProbeKnowsIsATechnicalFailureThatNamesTheKinds() {
        // given an operation of a kind nothing looks at
        ProcessInstance await = await(new Operation("telepathy", "lab", "cc01", "a thought", Map.of()), "PT10M");

        // when the look runs, it fails as a technical failure (retried, then an incident), naming the kinds there are
        management.executeJob(timer(await));
        try {
            assertThatThrownBy(() -> management.executeJob(management.createJobQuery().processInstanceId(await.getId()).activityId(AwaitOperation.CHECK)
                    .singleResult().getId())).hasMessageContaining("no probe looks at operations of kind 'telepathy'").hasMessageContaining(KollaRunProbe.KIND);
        } finally {
            runtime.deleteProcessInstance(await.getId(), "test over");
        }
    }

    @Test
    void whenTheSiteClosesDuringTheOperationAnOpsLeadLetsTheRunContinueUntilItOpensAgain() {
        // given a run whose runbook stops with "abort", awaiting a deploy, and a change freeze that begins meanwhile
        ProcessInstance run = startAwaitingTwice("abort");
        ProcessInstance await = awaitedWhileTheSiteCloses(run);

        // when the deploy has finished, then an ops lead is asked: continue, or the runbook's stop
        assertThat(await).isWaitingAt(AwaitOperation.DECIDE_AFTER_WINDOW);
        String task = runbooks.task(await, AwaitOperation.DECIDE_AFTER_WINDOW).getId();
        assertThat(OperatorChoices.values(tasks.getVariable(task, AwaitOperation.WINDOW_CHOICES))).containsExactly("continue", "abort");
        assertThat((String) tasks.getVariable(task, "windowClosed")).startsWith("site lab is closed for changes: change freeze (CAB freeze)");
        runbooks.decide(await, AwaitOperation.DECIDE_AFTER_WINDOW, "olga", "continue", "the last step is read-only");

        // then the operation counts as done, and the run's next operation is not asked about again while the freeze lasts
        assertThat(await).isEnded().hasPassed(AwaitOperation.SUCCEEDED_END);
        assertThat(runbooks.variable(await, "operationOutcome")).isEqualTo(AwaitOperation.SUCCEEDED);
        ProcessInstance second = calledAwait(run);
        look(second); // its deploy, started with the first, has finished too
        assertThat(second).isEnded().hasPassed(AwaitOperation.SUCCEEDED_END).hasNotPassed(AwaitOperation.DECIDE_AFTER_WINDOW);
        assertThat(run).isEnded();
    }

    @Test
    void whenTheSiteClosesDuringTheOperationAnOpsLeadMayStopTheRunItsRunbooksWay() {
        // given a run awaiting a deploy, and a change freeze that begins meanwhile
        ProcessInstance run = startAwaitingTwice("abort");
        ProcessInstance await = awaitedWhileTheSiteCloses(run);
        try {
            // when the ops lead stops it, then the wait returns WINDOW_CLOSED with the runbook's stop decision
            runbooks.decide(await, AwaitOperation.DECIDE_AFTER_WINDOW, "olga", "abort", "not in a freeze");
            assertThat(await).isEnded().hasPassed(AwaitOperation.STOPPED_AT_WINDOW_END).hasNotPassed(AwaitOperation.SUCCEEDED_END);
            assertThat(runbooks.variable(await, "operationOutcome")).isEqualTo(AwaitOperation.WINDOW_CLOSED);
            assertThat(runbooks.variable(await, "decision")).isEqualTo("abort");
        } finally {
            runtime.deleteProcessInstance(run.getId(), "test over");
        }
    }

    @Test
    void anOpsLeadWhoIsAlsoAnApproverFindsNoRouteAroundTheWindowQuestion() {
        // given a run whose site closed during its operation, asking an ops lead
        runbooks.user("ivan", Roles.OPS_LEADS, Roles.APPROVERS);
        Http ivan = Http.as(port, "ivan", Users.PASSWORD);
        ProcessInstance run = startAwaitingTwice("abort");
        ProcessInstance await = awaitedWhileTheSiteCloses(run);
        try {
            String task = runbooks.task(await, AwaitOperation.DECIDE_AFTER_WINDOW).getId();
            String job = management.createJobQuery().processInstanceId(run.getId()).list().stream().findFirst()
                    .map(j -> j.getId()).orElse("none");

            // then every route but the form is refused: a value outside the form, a variable written, a modification,
            // a message, a job run by hand
            assertThat(ivan.postJson("/engine-rest/task/" + task + "/complete", "{\"variables\": {\"decision\": {\"value\": \"continue\"}, "
                    + "\"note\": {\"value\": \"go\"}, \"windowContinuedUntil\": {\"value\": \"forever\"}}}").statusCode()).isEqualTo(403);
            assertThat(ivan.putJson("/engine-rest/process-instance/" + run.getId() + "/variables/windowContinuedUntil",
                    "{\"value\": \"forever\"}").statusCode()).isEqualTo(403);
            assertThat(ivan.postJson("/engine-rest/process-instance/" + await.getId() + "/modification", "{\"skipCustomListeners\": true, "
                    + "\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \"" + AwaitOperation.SUCCEEDED_END + "\"}], "
                    + "\"annotation\": \"window? what window\"}").statusCode()).isEqualTo(403);
            assertThat(ivan.postJson("/engine-rest/message", "{\"messageName\": \"AnyMessage\", \"processInstanceId\": \"" + await.getId() + "\"}")
                    .statusCode()).isEqualTo(403);
            if (!job.equals("none")) {
                assertThat(ivan.postJson("/engine-rest/job/" + job + "/execute", "").statusCode()).isEqualTo(403);
            }
            assertThat(runtime.getVariable(run.getId(), "windowContinuedUntil")).isNull();
            assertThat(await).isWaitingAt(AwaitOperation.DECIDE_AFTER_WINDOW);

            // and the form's own fields are how he answers
            assertThat(ivan.postJson("/engine-rest/task/" + task + "/claim", "{\"userId\": \"ivan\"}").statusCode()).isEqualTo(204);
            assertThat(ivan.postJson("/engine-rest/task/" + task + "/complete", "{\"variables\": {\"decision\": {\"value\": \"abort\"}, "
                    + "\"note\": {\"value\": \"freeze\"}}}").statusCode()).isEqualTo(204);
            assertThat(await).isEnded().hasPassed(AwaitOperation.STOPPED_AT_WINDOW_END);
        } finally {
            runtime.deleteProcessInstance(run.getId(), "test over");
        }
    }

    /** A run (at the top of its tree) that awaits two deploys one after the other, naming its stop decision. */
    private ProcessInstance startAwaitingTwice(String stop) {
        if (repository.createProcessDefinitionQuery().processDefinitionKey("await-twice").count() == 0) {
            repository.createDeployment().name("await-twice").addModelInstance("await-twice.bpmn", Bpmn.createExecutableProcess("await-twice")
                    .camundaHistoryTimeToLive(1).startEvent()
                    .callActivity("Task_First").calledElement(AwaitOperation.PROCESS_KEY).camundaIn("first", "operation")
                    .camundaIn("nextLook", "nextLook").camundaIn("checkInterval", "checkInterval").camundaIn("deadline", "deadline")
                    .camundaIn("decisions", "decisions").camundaIn("stopAtWindow", "stopAtWindow")
                    .callActivity("Task_Second").calledElement(AwaitOperation.PROCESS_KEY).camundaIn("second", "operation")
                    .camundaIn("nextLook", "nextLook").camundaIn("checkInterval", "checkInterval").camundaIn("deadline", "deadline")
                    .camundaIn("decisions", "decisions").camundaIn("stopAtWindow", "stopAtWindow")
                    .endEvent().done()).deploy();
        }
        VariableMap variables = Variables.createVariables()
                .putValueTyped("first", AwaitOperation.OPERATION.typed(start(KollaAction.DEPLOY, "cc01")))
                .putValueTyped("second", AwaitOperation.OPERATION.typed(start(KollaAction.DEPLOY, "cc03")))
                .putValue("nextLook", "PT1M").putValue("checkInterval", "PT1M").putValue("deadline", "PT10H")
                .putValue("decisions", "retry,abort").putValue("stopAtWindow", stop);
        return runtime.startProcessInstanceByKey("await-twice", variables);
    }

    private ProcessInstance calledAwait(ProcessInstance run) {
        ProcessInstance await = runtime.createProcessInstanceQuery().superProcessInstanceId(run.getId()).singleResult();
        management.executeJob(management.createJobQuery().processInstanceId(await.getId()).activityId(AwaitOperation.START_EVENT).singleResult().getId());
        return await;
    }

    /** The run's first wait: its deploy is seen running, lab is frozen, then the deploy is seen finished. */
    private ProcessInstance awaitedWhileTheSiteCloses(ProcessInstance run) {
        ProcessInstance await = calledAwait(run);
        look(await);
        freeze = freezeLab();
        runbooks.advance(Duration.ofHours(2));
        look(await);
        return await;
    }

    @AfterEach
    void unfreezeLab() {
        if (freeze != null) {
            Http.as(port, "admin", "test-admin-password").delete("/api/sites/lab/calendar/freezes/" + freeze + "?reason=test+over");
            freeze = null;
        }
    }

    /** An administrator freezes lab from now on; the freeze's id. */
    private String freezeLab() {
        Instant now = RunLog.now();
        HttpResponse<String> added = Http.as(port, "admin", "test-admin-password").postJson("/api/sites/lab/calendar/freezes",
                "{\"from\": \"%s\", \"to\": \"%s\", \"reason\": \"CAB freeze\"}".formatted(now, now.plus(Duration.ofDays(3))));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        try {
            return new ObjectMapper().readTree(added.body()).path("id").asText();
        } catch (JsonProcessingException e) {
            throw new AssertionError(added.body(), e);
        }
    }

    private Operation start(KollaAction action, String host) {
        KollaRunHandle run = kolla.start(sites.require("lab"), action, List.of(host), "await-" + UUID.randomUUID().toString().substring(0, 8));
        return KollaRunProbe.operation("lab", host, run);
    }

    private ProcessInstance await(Operation operation, String deadline) {
        return await(operation, deadline, "retry,abort");
    }

    private ProcessInstance await(Operation operation, String deadline, String decisions) {
        VariableMap variables = Variables.createVariables()
                .putValueTyped("operation", AwaitOperation.OPERATION.typed(operation))
                .putValue("nextLook", "PT1M").putValue("checkInterval", "PT1M").putValue("deadline", deadline)
                .putValue("decisions", decisions);
        ProcessInstance await = runtime.startProcessInstanceByKey(AwaitOperation.PROCESS_KEY, variables);
        management.executeJob(management.createJobQuery().processInstanceId(await.getId()).activityId(AwaitOperation.START_EVENT).singleResult().getId());
        return await;
    }

    /** The timer fires and the look runs. */
    private void look(ProcessInstance await) {
        management.executeJob(timer(await));
        runbooks.runJobs();
    }

    private String timer(ProcessInstance await) {
        return management.createJobQuery().processInstanceId(await.getId()).activityId(AwaitOperation.WAIT).singleResult().getId();
    }
}
