package io.dayshift.metrics;

import io.dayshift.engine.HistoryHandlers;
import io.dayshift.engine.RunLog;
import io.dayshift.runbook.RunOutcome;
import io.dayshift.runbook.RunVariables;
import io.dayshift.site.Sites;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Counts and times every run from the engine's own history events (a history event handler next to the engine's, so no
 * model or delegate can forget it), per runbook, site and outcome:
 * <ul>
 *   <li>{@value #RUNS_STARTED}: a run passed its start event ({@code runbook}, {@code site});</li>
 *   <li>{@value #RUNS_ENDED}: a run ended ({@code runbook}, {@code site}, {@code outcome} — {@link RunOutcome} —,
 *       {@code end_event});</li>
 *   <li>{@value #INCIDENTS_OPENED}: a step ran out of retries ({@code runbook}, {@code site}, {@code step});</li>
 *   <li>{@value #DECISION_WAIT}: how long an approval or an operator's question waited, from its task's creation to its
 *       completion ({@code runbook}, {@code task}: the task definition key);</li>
 *   <li>{@value #STEP_DURATION}: how long an asynchronous step (a service task behind its save point) took, once it
 *       completed or ended with a modelled error such as an input refused ({@code runbook}, {@code step}); a try that
 *       failed is rolled back and counts nothing.</li>
 * </ul>
 * The runbook is the run's ({@link RunLog#run}): a part such as await-operation counts under the runbook that called it,
 * a runbook called by another (the nightly backup's backup-site) under its own key. The site is the run's {@code site}
 * when it names a configured site, {@code unknown} for any other text and {@code none} for a run without one (the
 * nightly processes). Each recording waits for its transaction to commit; a failure to record is logged and never fails
 * the run.
 */
@Component
class RunMetrics extends AbstractProcessEnginePlugin {

    static final String RUNS_STARTED = "dayshift.runs.started";
    static final String RUNS_ENDED = "dayshift.runs.ended";
    static final String INCIDENTS_OPENED = "dayshift.incidents.opened";
    static final String DECISION_WAIT = "dayshift.decision.wait";
    static final String STEP_DURATION = "dayshift.step.duration";

    static final String NO_SITE = "none";
    static final String UNKNOWN_SITE = "unknown";

    private static final Logger LOG = LoggerFactory.getLogger(RunMetrics.class);

    /** The kinds of task whose time is a step's work: what a delegate or connector does behind its save point. */
    private static final Set<String> STEP_TYPES = Set.of("serviceTask", "sendTask", "scriptTask", "businessRuleTask");

    /** Histogram buckets: people decide in minutes to hours, steps take seconds to an hour. */
    private static final Duration[] WAIT_BUCKETS = {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
        Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(12), Duration.ofDays(1)};
    private static final Duration[] STEP_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

    private final ObjectProvider<MeterRegistry> registry;
    private final ObjectProvider<Sites> sites;
    private final ObjectProvider<SiteLastEnds> lastEnds;

    RunMetrics(ObjectProvider<MeterRegistry> registry, ObjectProvider<Sites> sites, ObjectProvider<SiteLastEnds> lastEnds) {
        this.registry = registry;
        this.sites = sites;
        this.lastEnds = lastEnds;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        HistoryHandlers.add(configuration, new Handler());
    }

    /** Who a recording is about: the run's runbook and site. */
    record Run(String runbook, String site) {
    }

    private final class Handler implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            try {
                record(event);
            } catch (RuntimeException e) {
                LOG.warn("no metric for the engine's {} event of process instance {}: {}", event.getEventType(), event.getProcessInstanceId(),
                        e.toString());
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }

    private void record(HistoryEvent event) {
        CommandContext context = Context.getCommandContext();
        if (context == null || event.getProcessInstanceId() == null) {
            return;
        }
        if (event instanceof HistoricActivityInstanceEventEntity activity) {
            if (activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_START) && startsTheProcess(activity)) {
                ownRun(context, activity.getProcessInstanceId()).ifPresent(run -> afterCommit(context, () -> counter(RUNS_STARTED,
                        "Runs started, per runbook and site", "runbook", run.runbook(), "site", run.site()).increment()));
            } else if (activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END) && isStep(activity)) {
                // a step behind its save point ends in its own job: done, or left by a modelled error (an input refused);
                // a failed try is rolled back and ends nothing
                Duration took = Duration.ofMillis(duration(activity.getDurationInMillis()));
                run(context, activity.getProcessInstanceId()).ifPresent(run -> afterCommit(context, () -> timer(STEP_DURATION,
                        "Time an asynchronous step took, per runbook and step", STEP_BUCKETS, "runbook", run.runbook(), "step",
                        activity.getActivityId()).record(took)));
            }
        } else if (event instanceof HistoricProcessInstanceEventEntity process && process.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
            ended(context, process);
        } else if (event instanceof HistoricTaskInstanceEventEntity task && task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_COMPLETE)
                && task.getTaskDefinitionKey() != null) {
            Duration waited = waited(context, task);
            run(context, task.getProcessInstanceId()).ifPresent(run -> afterCommit(context, () -> timer(DECISION_WAIT,
                    "Time an approval or operator question waited for a person, per runbook and task", WAIT_BUCKETS,
                    "runbook", run.runbook(), "task", task.getTaskDefinitionKey()).record(waited)));
        } else if (event instanceof HistoricIncidentEventEntity incident && incident.isEventOfType(HistoryEventTypes.INCIDENT_CREATE)) {
            String step = incident.getActivityId() == null ? "none" : incident.getActivityId();
            run(context, incident.getProcessInstanceId()).ifPresent(run -> afterCommit(context, () -> counter(INCIDENTS_OPENED,
                    "Incidents opened (a step out of retries), per runbook, site and step", "runbook", run.runbook(), "site", run.site(),
                    "step", step).increment()));
        }
    }

    private void ended(CommandContext context, HistoricProcessInstanceEventEntity process) {
        ExecutionEntity instance = context.getExecutionManager().findExecutionById(process.getProcessInstanceId());
        Run run;
        if (instance == null) {
            run = new Run(process.getProcessDefinitionKey(), UNKNOWN_SITE);
        } else if (!RunLog.run(instance).getId().equals(instance.getId())) {
            return; // a part of its caller's run
        } else {
            run = describe(instance);
        }
        String state = process.getState();
        boolean cancelled = instance != null && instance.isCanceled()
                || state != null && state.toUpperCase(Locale.ROOT).endsWith("TERMINATED");
        RunOutcome outcome = cancelled ? RunOutcome.CANCELLED : RunOutcome.of(run.runbook(), process.getEndActivityId());
        String endEvent = cancelled || process.getEndActivityId() == null ? "none" : process.getEndActivityId();
        if (!cancelled && !NO_SITE.equals(run.site()) && !UNKNOWN_SITE.equals(run.site())) {
            // in the run's own transaction: the site's gauges read it from now on, and a rolled-back end changes nothing
            Date at = process.getEndTime() != null ? process.getEndTime() : ClockUtil.getCurrentTime();
            lastEnds.getObject().ended(run.site(), run.runbook(), endEvent, process.getProcessInstanceId(), at.toInstant());
        }
        afterCommit(context, () -> counter(RUNS_ENDED, "Runs ended, per runbook, site, outcome and end event", "runbook", run.runbook(),
                "site", run.site(), "outcome", outcome.label(), "end_event", endEvent).increment());
    }

    /** Whether the activity is a start event of the process itself (not of an event subprocess). */
    private static boolean startsTheProcess(HistoricActivityInstanceEventEntity activity) {
        return activity.getActivityType() != null && activity.getActivityType().toLowerCase(Locale.ROOT).contains("startevent")
                && activity.getProcessInstanceId().equals(activity.getParentActivityInstanceId());
    }

    /** Whether the activity is a task behind a save point (asynchronous before): a step of work in a job of its own. */
    private static boolean isStep(HistoricActivityInstanceEventEntity activity) {
        if (!STEP_TYPES.contains(activity.getActivityType())) {
            return false;
        }
        ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(activity.getProcessDefinitionId());
        ActivityImpl element = definition == null ? null : definition.findActivity(activity.getActivityId());
        return element != null && element.isAsyncBefore();
    }

    /** The run the process instance belongs to. */
    private Optional<Run> run(CommandContext context, String processInstanceId) {
        ExecutionEntity instance = context.getExecutionManager().findExecutionById(processInstanceId);
        return instance == null ? Optional.empty() : Optional.of(describe(RunLog.run(instance)));
    }

    /** The process instance's own run, empty when it is a part of its caller's. */
    private Optional<Run> ownRun(CommandContext context, String processInstanceId) {
        ExecutionEntity instance = context.getExecutionManager().findExecutionById(processInstanceId);
        if (instance == null || !RunLog.run(instance).getId().equals(instance.getId())) {
            return Optional.empty();
        }
        return Optional.of(describe(instance));
    }

    private Run describe(DelegateExecution run) {
        return new Run(runbook(run), siteLabel(run.getVariable(RunVariables.SITE.name())));
    }

    /** The key of the run's runbook (its process definition key). */
    static String runbook(DelegateExecution run) {
        return run instanceof ExecutionEntity entity && entity.getProcessDefinition() != null ? entity.getProcessDefinition().getKey() : "unknown";
    }

    /** A configured site's name; never the text a start was given. */
    String siteLabel(Object site) {
        if (!(site instanceof String name) || name.isBlank()) {
            return NO_SITE;
        }
        Sites configured = sites.getIfAvailable();
        return configured != null && configured.find(name).isPresent() ? name : UNKNOWN_SITE;
    }

    /** From the task's creation to its completion: the event's figures where it has them, else the task's creation time. */
    private static Duration waited(CommandContext context, HistoricTaskInstanceEventEntity task) {
        if (task.getDurationInMillis() != null && task.getDurationInMillis() > 0) {
            return Duration.ofMillis(task.getDurationInMillis());
        }
        Date created = task.getStartTime();
        if (created == null && task.getTaskId() != null) {
            TaskEntity entity = context.getTaskManager().findTaskById(task.getTaskId());
            created = entity == null ? null : entity.getCreateTime();
        }
        Date ended = task.getEndTime() != null ? task.getEndTime() : ClockUtil.getCurrentTime();
        return created == null ? Duration.ZERO : Duration.ofMillis(Math.max(0, ended.getTime() - created.getTime()));
    }

    private static long duration(Long millis) {
        return millis == null ? 0 : Math.max(0, millis);
    }

    private static void afterCommit(CommandContext context, Runnable recording) {
        context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> {
            try {
                recording.run();
            } catch (RuntimeException e) {
                LOG.warn("a metric was not recorded: {}", e.toString());
            }
        });
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry.getObject());
    }

    private Timer timer(String name, String description, Duration[] buckets, String... tags) {
        return Timer.builder(name).description(description).serviceLevelObjectives(buckets).tags(tags).register(registry.getObject());
    }
}
