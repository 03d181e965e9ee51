package io.dayshift.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import io.dayshift.access.Roles;
import io.dayshift.runbook.await.AwaitOperation;
import io.dayshift.runbook.drain.DrainComputeNode;
import io.dayshift.testing.ChatWebhook;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notices that a decision waits, on the whole service with the lab and a chat webhook served by this test: a real
 * runbook's approval ({@code drain-compute-node}), and small models of this test for an operator's question in a called
 * part, an approval carrying its plan's fingerprint, a rolled-back creation, failing channels and the reminder.
 */
@RunbookProcessTest(clock = "2025-05-06T07:00:00Z", uncovered = {DrainComputeNode.PROCESS_KEY, AwaitOperation.PROCESS_KEY,
        DecisionNoticesTest.RUN, DecisionNoticesTest.PART, DecisionNoticesTest.APPROVAL})
@ExtendWith(OutputCaptureExtension.class)
class DecisionNoticesTest extends ProcessTestFixture {

    static final String RUN = "notice-test-run";
    static final String PART = "notice-test-part";
    static final String APPROVAL = "notice-test-approval";
    private static final String WEBHOOK_SECRET = "/services/T000/B000/XXXX";
    private static final ChatWebhook CHAT = ChatWebhook.start();
    private static final Instant T0 = Instant.parse("2025-05-06T07:00:00Z");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/drain-kolla.yaml");
        registry.add("dayshift.lab.notify.chat-webhook", () -> "file:" + CHAT.urlFile());
        registry.add("dayshift.public-url", () -> "https://dayshift.example.org/");
        registry.add("dayshift.notify.remind-after", () -> "PT10M");
        registry.add("dayshift.adapters.notify.webhook-request-timeout", () -> "PT5S");
    }

    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DecisionReminders reminders;
    @Autowired
    DecisionNotices notices;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectProvider<ProcessEngine> engine;

    @BeforeEach
    void setUp() {
        runbooks.user("olga", Roles.OPS_LEADS);
        runbooks.user("olivia", Roles.OPS_LEADS);
        runbooks.user("alice", Roles.APPROVERS);
        ClockUtil.setCurrentTime(Date.from(T0));
        CHAT.reset();
        if (repository.createProcessDefinitionQuery().processDefinitionKey(RUN).count() == 0) {
            deployModels();
        }
    }

    @AfterEach
    void resetChat() {
        CHAT.reset();
    }

    @AfterAll
    static void stopChat() {
        CHAT.stop();
    }

    @Test
    void aRunbooksApprovalIsAnnouncedOnceWithRunbookSiteTargetWhoAskedAndTheLinkToTheTask() {
        // given olga's drain of cn01 on the lab site, planned
        ProcessInstance run = runbooks.start("olga", DrainComputeNode.PROCESS_KEY, Map.of("site", "lab", "host", "cn01", "reason", "BIOS update"));
        assertThat(run).isStarted();
        for (int i = 0; i < 4; i++) {
            execute(job());
        }

        // when its approval opens
        assertThat(run).isWaitingAt(DrainComputeNode.Elements.APPROVE_PLAN);
        Task approval = runbooks.task(run, DrainComputeNode.Elements.APPROVE_PLAN);

        // then the site's chat is told, once, what waits, where, for whom, and where to decide it
        String message = awaitMessage(m -> m.contains(approval.getId()));
        assertThat(message).contains("*[INFO] Approval waits: Approve drain plan — cn01 @ lab*")
                .contains("Runbook: Drain compute node (drain-compute-node)\\n")
                .contains("Site: lab\\n")
                .contains("Targets: cn01\\n")
                .contains("Asked by: olga\\n")
                .contains("Open it in Tasklist: https://dayshift.example.org/camunda/app/tasklist/default/#/?task=" + approval.getId());
        settle();
        assertThat(messagesAbout(approval.getId())).hasSize(1);
    }

    @Test
    void anOperatorQuestionInACalledPartIsAnnouncedAsADecisionOfTheRunWithWhoReallyStartedIt() {
        // when olga starts a run whose part asks an ops lead about "db02", with an initiator variable naming someone else
        ProcessInstance run = runbooks.start("olga", RUN, Map.of("site", "lab", "thing", "db02"));
        runtime.setVariable(run.getId(), "initiator", "mallory"); // only the engine's own code may; no person can
        askPart(run);
        Task question = runbooks.task(run, "Task_DecideThing");

        // then the notice is worded as a decision, names the runbook and its part, the task's target, and olga
        String message = awaitMessage(m -> m.contains(question.getId()));
        assertThat(message).contains("*[INFO] Decision waits: Decide about the thing — db02 @ lab*")
                .contains("Runbook: Notice test run (" + RUN + "), in its part " + PART + "\\n")
                .contains("Asked by: olga\\n")
                .doesNotContain("mallory").doesNotContain("Approval").doesNotContain("fingerprint");
        settle();
        assertThat(messagesAbout(question.getId())).hasSize(1);
    }

    @Test
    void anApprovalNamesThePlansFingerprintAndWhoAskedForIt() {
        // when an approval of a plan opens, asked for by olivia (the engine wrote who asked)
        ProcessInstance run = runtime.startProcessInstanceByKey(APPROVAL, Map.of("site", "lab", "host", "cn02", "requestedBy", "olivia"));
        Task approval = tasks.createTaskQuery().processInstanceId(run.getId()).singleResult();

        // then the fingerprint is in the notice, and olivia as the one who asked
        String message = awaitMessage(m -> m.contains(approval.getId()));
        assertThat(message).contains("Approval waits: Approve the thing — cn02 @ lab").contains("Plan fingerprint: " + tasks.getVariableLocal(approval.getId(), "planFingerprint") + "\\n")
                .contains("Asked by: olivia\\n");
    }

    @Test
    void aTaskWhoseCreationIsRolledBackTellsNoOne() {
        // given a run started in a transaction that is then rolled back
        String[] rolledBack = new String[1];
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            ProcessInstance run = runbooks.start("olga", APPROVAL, Map.of("site", "lab", "host", "cn02"));
            rolledBack[0] = tasks.createTaskQuery().processInstanceId(run.getId()).singleResult().getId();
            status.setRollbackOnly();
        });
        assertThat(tasks.createTaskQuery().taskId(rolledBack[0]).count()).as("rolled back").isZero();

        // when a run that commits opens the same approval
        ProcessInstance committed = runbooks.start("olga", APPROVAL, Map.of("site", "lab", "host", "cn03"));
        String committedTask = tasks.createTaskQuery().processInstanceId(committed.getId()).singleResult().getId();

        // then only the committed one is announced
        awaitMessage(m -> m.contains(committedTask));
        settle();
        assertThat(messagesAbout(rolledBack[0])).isEmpty();
        assertThat(CHAT.messages()).hasSize(1);
    }

    @Test
    void aChatWebhookAnswering500NeitherFailsNorHoldsTheRunAndItsUrlIsNotLogged(CapturedOutput output) {
        // given a chat webhook that answers 500
        CHAT.failing(true);

        // when an approval opens
        ProcessInstance run = runbooks.start("olga", APPROVAL, Map.of("site", "lab", "host", "cn02"));

        // then the failure is logged without the webhook's secret path, and the run goes on to its end
        awaitOutput(output, "chat webhook at 127.0.0.1 answered HTTP 500");
        assertThat(output.getAll()).doesNotContain(WEBHOOK_SECRET);
        runbooks.complete(run, "Task_ApproveThing", "alice", Map.of("approve", true, "approvalReason", "fine"));
        assertThat(run).isEnded();
    }

    @Test
    void aHangingChatWebhookDoesNotDelayTheRun(CapturedOutput output) {
        // given a chat webhook that never answers
        CHAT.hanging(true);

        // when two runs open their approvals
        long started = System.nanoTime();
        ProcessInstance first = runbooks.start("olga", APPROVAL, Map.of("site", "lab", "host", "cn02"));
        ProcessInstance second = runbooks.start("olga", RUN, Map.of("site", "lab", "thing", "db02"));
        askPart(second);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then neither waited for the webhook (the notifier gives up after 5 s), the failure is logged without the secret, and the runs go on
        assertThat(took).isLessThan(Duration.ofSeconds(4));
        assertThat(runbooks.task(first, "Task_ApproveThing")).isNotNull();
        assertThat(runbooks.task(second, "Task_DecideThing")).isNotNull();
        awaitOutput(output, "chat webhook at 127.0.0.1 could not be reached (HttpTimeoutException");
        assertThat(output.getAll()).doesNotContain(WEBHOOK_SECRET);
        runbooks.complete(first, "Task_ApproveThing", "alice", Map.of("approve", true, "approvalReason", "fine"));
        runbooks.decide(second, "Task_DecideThing", "olivia", "done", "checked");
        assertThat(first).isEnded();
        assertThat(second).isEnded();
    }

    @Test
    void aDecisionWaitingLongerThanRemindAfterGetsExactlyOneReminderAndOneDecidedInTimeNone() {
        // given two approvals opened at 07:00; alice decides the first at 07:05
        ProcessInstance decided = runbooks.start("olga", APPROVAL, Map.of("site", "lab", "host", "cn02"));
        ProcessInstance waiting = runbooks.start("olga", APPROVAL, Map.of("site", "lab", "host", "cn03"));
        String decidedTask = tasks.createTaskQuery().processInstanceId(decided.getId()).singleResult().getId();
        String waitingTask = tasks.createTaskQuery().processInstanceId(waiting.getId()).singleResult().getId();
        awaitMessage(m -> m.contains(decidedTask));
        awaitMessage(m -> m.contains(waitingTask));
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofMinutes(5))));
        runbooks.complete(decided, "Task_ApproveThing", "alice", Map.of("approve", true, "approvalReason", "fine"));
        assertThat(reminders.remindDue()).as("nothing due before 07:10").isZero();

        // when 07:11 comes and this node looks, then the service restarts (or another node looks) and looks again
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofMinutes(11))));
        reminders.remindDue();
        awaitMessage(m -> m.contains("still waits") && m.contains(waitingTask));
        DecisionReminders restarted = new DecisionReminders(jdbc, engine, notices, new DecisionNoticeProperties(Duration.ofMinutes(10)));
        assertThat(restarted.remindDue()).isZero();
        assertThat(reminders.remindDue()).isZero();

        // then the waiting approval got exactly one reminder, the decided one none
        settle();
        assertThat(messagesAbout(waitingTask)).hasSize(2).last().asString()
                .contains("*[INFO] Approval still waits: Approve the thing — cn03 @ lab*")
                .contains("Waiting since: 2025-05-06T07:00:00Z (more than 10m)");
        assertThat(messagesAbout(decidedTask)).hasSize(1);

        // and once it is decided, its claim is forgotten
        runbooks.complete(waiting, "Task_ApproveThing", "alice", Map.of("approve", true, "approvalReason", "fine"));
        reminders.remindDue();
        assertThat(jdbc.queryForList("SELECT task_id FROM " + DecisionReminders.TABLE, String.class)).doesNotContain(waitingTask);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------------

    /** The run calls its part (after its start committed): the part asks its question. */
    private void askPart(ProcessInstance run) {
        ManagementService management = engine.getObject().getManagementService();
        management.executeJob(management.createJobQuery().processInstanceId(run.getId()).singleResult().getId());
    }

    private void deployModels() {
        BpmnModelInstance run = Bpmn.createExecutableProcess(RUN).name("Notice test run").camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Started").camundaFormRef("notice-test-start").camundaFormRefBinding("latest")
                .callActivity("Task_CallPart").camundaAsyncBefore().calledElement(PART).camundaIn("site", "site").camundaIn("thing", "thing")
                .endEvent("EndEvent_Done").done();
        BpmnModelInstance part = Bpmn.createExecutableProcess(PART).name("Notice test part").camundaHistoryTimeToLive(1).camundaStartableInTasklist(false)
                .startEvent("StartEvent_Started")
                .userTask("Task_DecideThing").name("Decide about the thing").camundaCandidateGroups(Roles.OPS_LEADS)
                .camundaFormRef("notice-test-decide").camundaFormRefBinding("latest")
                .camundaTaskListenerDelegateExpression("complete", "${recordDecision}")
                .endEvent("EndEvent_Done").done();
        UserTask question = part.getModelElementById("Task_DecideThing");
        CamundaProperties properties = part.newInstance(CamundaProperties.class);
        properties.getCamundaProperties().add(property(part, "decisions", "done"));
        properties.getCamundaProperties().add(property(part, "target", "thing"));
        question.getExtensionElements().addChildElement(properties);
        BpmnModelInstance approval = Bpmn.createExecutableProcess(APPROVAL).name("Notice test approval").camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Started").camundaInitiator("initiator").camundaFormRef("notice-test-start").camundaFormRefBinding("latest")
                .userTask("Task_ApproveThing").name("Approve the thing").camundaCandidateGroups("approvers")
                .camundaFormRef("approval-test").camundaFormRefBinding("latest")
                .endEvent("EndEvent_Done").done();
        UserTask approve = approval.getModelElementById("Task_ApproveThing");
        CamundaProperties plan = approval.newInstance(CamundaProperties.class);
        plan.getCamundaProperties().add(property(approval, "plan", "host"));
        approve.builder().addExtensionElement(plan);
        repository.createDeployment().name("decision notice test")
                .addModelInstance(RUN + ".bpmn", run).addModelInstance(PART + ".bpmn", part).addModelInstance(APPROVAL + ".bpmn", approval)
                .addString("notice-test-start.form", form("notice-test-start", "site", "host", "thing"))
                .addString("notice-test-decide.form", form("notice-test-decide", "decision", "note"))
                .deploy();
    }

    /** A Camunda Form with one text field per key: what a person may submit (the run guard lets nothing else through). */
    private static String form(String id, String... keys) {
        StringBuilder components = new StringBuilder();
        for (String key : keys) {
            components.append(components.isEmpty() ? "" : ",").append("{\"id\":\"Field_").append(key).append("\",\"type\":\"textfield\",\"key\":\"")
                    .append(key).append("\",\"label\":\"").append(key).append("\"}");
        }
        return "{\"id\":\"" + id + "\",\"type\":\"default\",\"schemaVersion\":16,\"components\":[" + components + "]}";
    }

    private static CamundaProperty property(BpmnModelInstance model, String name, String value) {
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName(name);
        property.setCamundaValue(value);
        return property;
    }

    private static List<String> messagesAbout(String taskId) {
        return CHAT.messages().stream().filter(m -> m.contains("?task=" + taskId)).toList();
    }

    /** The first chat message matching, waiting up to 10 s for it (notices are sent after the commit, on threads of their own). */
    private static String awaitMessage(Predicate<String> matching) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> found = CHAT.messages().stream().filter(matching).toList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            pause(50);
        }
        throw new AssertionError("no such chat message; got " + CHAT.messages());
    }

    private static void awaitOutput(CapturedOutput output, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!output.getAll().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not logged: " + text);
            }
            pause(50);
        }
    }

    /** Gives a second, wrong notice the time it would need to arrive. */
    private static void settle() {
        pause(500);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
