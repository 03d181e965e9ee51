package io.dayshift.runbook;

import io.dayshift.approval.ApprovalTasks;
import io.dayshift.approval.Approvals;
import io.dayshift.notify.Notification;
import io.dayshift.notify.NotificationResult;
import io.dayshift.notify.Notifier;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells a site's people that a decision waits for them: when an approval or an operator's question opens
 * ({@link DecisionNoticeTasks}), and once more when it has waited {@code dayshift.notify.remind-after}
 * ({@link DecisionReminders}). Each notice is sent on threads of its own, after the transaction that created the task
 * committed: a run never waits for chat or mail, and a channel that fails or hangs is only logged (by the notifier,
 * secrets masked). What a notice says is read from the engine when it is sent, so what the task's creation set (its
 * {@code planFingerprint}, an await's {@code operationTarget}) is there; a task decided by then gets no notice.
 */
@Component
public class DecisionNotices implements DisposableBean {

    /**
     * What a decision is about, without a {@code target} property on its task: the first of these variables the task
     * sees (its own process, then the run) that holds text.
     */
    public static final List<String> TARGET_VARIABLES = List.of("host", "hosts", "machine", "machines", "plannedHosts", "target", "targets");

    private static final Logger LOG = LoggerFactory.getLogger(DecisionNotices.class);
    private static final int QUEUE = 500;

    private final ObjectProvider<ProcessEngine> engine;
    private final Sites sites;
    private final Notifier notifier;
    private final URI publicUrl;
    private final ThreadPoolExecutor sending;

    DecisionNotices(ObjectProvider<ProcessEngine> engine, Sites sites, Notifier notifier,
            PublicUrl publicUrl) {
        this.engine = engine;
        this.sites = sites;
        this.notifier = notifier;
        this.publicUrl = publicUrl.base();
        AtomicInteger count = new AtomicInteger();
        // Two senders: one hanging channel (up to dayshift.adapters.notify.send-timeout) does not hold every other notice.
        this.sending = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), task -> {
            Thread thread = new Thread(task, "dayshift-decision-notice-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, (task, executor) -> {
            throw new RejectedExecutionException("more than " + QUEUE + " decision notices wait to be sent");
        });
    }

    /** The task was created and its transaction committed: tell the people who decide it. Never blocks, never throws. */
    public void opened(String taskId) {
        submit(taskId, decision -> decision.opened(publicUrl));
    }

    /** The task has waited longer than {@code waited}: remind the people once. Never blocks, never throws. */
    public void remind(String taskId, Duration waited) {
        submit(taskId, decision -> decision.reminder(publicUrl, waited));
    }

    private void submit(String taskId, Function<WaitingDecision, Notification> notice) {
        try {
            sending.execute(() -> send(taskId, notice));
        } catch (RuntimeException e) {
            LOG.warn("decision notice for task {} not sent: {}", taskId, e.getMessage());
        }
    }

    private void send(String taskId, Function<WaitingDecision, Notification> notice) {
        try {
            Optional<WaitingDecision> decision = waiting(taskId);
            Optional<Site> site = decision.flatMap(d -> sites.find(d.site())).filter(s -> s.notifications() != null);
            if (site.isEmpty()) {
                LOG.debug("decision notice for task {}: no longer waiting, or no site with notify channels", taskId);
                return;
            }
            Notification notification = notice.apply(decision.get());
            NotificationResult result = notifier.notify(site.get(), notification);
            LOG.info("site {}: \"{}\" (task {}): {}", site.get().name(), notification.subject(), taskId,
                    result.allDelivered() ? "delivered" : result.failures().size() + " channel(s) NOT delivered");
        } catch (RuntimeException e) {
            // a notice must never disturb anything: the engine shutting down, a run deleted while it is read
            LOG.warn("decision notice for task {} not sent ({}: {})", taskId, e.getClass().getSimpleName(), e.getMessage());
        }
    }

    /**
     * The task as its notice tells of it, read from the engine now in one command of its own (one consistent look, no
     * engine error when the task was decided a moment before); empty when it no longer waits or names no site.
     */
    Optional<WaitingDecision> waiting(String taskId) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getObject().getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired().execute(context -> waiting(context, taskId));
    }

    private static Optional<WaitingDecision> waiting(CommandContext context, String taskId) {
        context.disableAuthorizationCheck();
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        ExecutionEntity execution = task == null ? null : task.getExecution();
        ExecutionEntity root = execution == null ? null : context.getExecutionManager().findExecutionById(execution.getRootProcessInstanceId());
        if (root == null) {
            return Optional.empty();
        }
        Function<String, Optional<String>> variable = name -> text(task.getVariableTyped(name, false)).or(() -> text(root.getVariableTyped(name, false)));
        Optional<String> site = variable.apply(RunVariables.SITE.name());
        if (site.isEmpty()) {
            return Optional.empty();
        }
        String targets = RecordDecisionListener.property(task.getBpmnModelElementInstance(), "target").flatMap(variable)
                .or(() -> TARGET_VARIABLES.stream().map(variable).flatMap(Optional::stream).findFirst())
                .orElse("");
        HistoricProcessInstanceEntity started = context.getHistoricProcessInstanceManager().findHistoricProcessInstance(root.getId());
        String askedBy = variable.apply(Approvals.REQUESTER.name()).orElse(started == null ? null : started.getStartUserId());
        return Optional.of(new WaitingDecision(taskId, RunNames.withoutRun(task.getName(), execution.getProcessInstance().getBusinessKey()),
                task.getTaskDefinition() != null && ApprovalTasks.offeredToApprovers(task.getTaskDefinition()),
                root.getProcessDefinition().getKey(), RunNames.runbookName(root.getProcessDefinition().getName()), execution.getProcessDefinition().getKey(), site.get(), targets,
                askedBy, text(task.getVariableLocalTyped(Approvals.PLAN_FINGERPRINT.name(), false)), task.getCreateTime().toInstant()));
    }

    /**
     * Only text counts: a variable holding anything else (a record, a number) is not a name to show. Read without
     * deserialising, so this look never writes a JSON variable back.
     */
    private static Optional<String> text(TypedValue value) {
        return value != null && ValueType.STRING.equals(value.getType()) && value.getValue() instanceof String s && !s.isBlank()
                ? Optional.of(s.strip()) : Optional.empty();
    }

    @Override
    public void destroy() {
        sending.shutdownNow();
    }
}
