package io.dayshift.runbook;

import io.dayshift.approval.ApprovalTasks;
import io.dayshift.calendar.SiteCalendar;
import io.dayshift.calendar.SiteCalendars;
import io.dayshift.engine.BuiltIntoModels;
import io.dayshift.engine.RunLog;
import io.dayshift.site.Sites;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.stereotype.Component;

/**
 * Every run and every task says what it is about, by one mechanism built into every model as it is deployed:
 * <ul>
 *   <li><b>The run's business key</b> is its name, set when it starts by the rule its runbook's class declares
 *       ({@link RunIdentity#name}: {@code drain cn01 @ lab}), whoever starts it — Tasklist, REST, a timer, an alert. A run
 *       called by another run adds the name of the run at the top of its tree ({@code drain cn01 @ lab (upgrade lab →
 *       2025.2)}); a part without a rule of its own (await-operation, the upgrade's batches, the smoke test) takes the
 *       name of the run that called it, so Cockpit lists it under the run it serves. A business key given by the starter
 *       is replaced, always: a run is named by what it acts on, never by what a caller says it is (an alert's occurrence,
 *       which correlates its resolution, is the variable {@code alertKey}).</li>
 *   <li><b>Each task's name</b> is its model name followed by the run's name ({@code Approve drain plan — drain cn01 @
 *       lab}), so Tasklist's list and Cockpit tell two approvals apart; its description is the model's documentation.</li>
 *   <li><b>A start refused in words</b>: a start a person submits whose input is wrong without looking at the site (an
 *       unknown site, a malformed host name, a missing field: {@link RunIdentity#checkStart}) is refused before the run
 *       exists, naming each field and what it takes.</li>
 *   <li><b>Urgency</b>: each task gets its runbook's priority ({@link RunIdentity#priority}: a Sev-1's tasks
 *       {@value #SEV1_PRIORITY}), and a due date: the runbook's own ({@link RunIdentity#due}, a Sev-1's phase deadlines, an
 *       upgrade's window end), else, for an approval, the end of its site's current or next change window.</li>
 * </ul>
 */
@Component
public class RunNames extends AbstractProcessEnginePlugin {

    /** The longest business key and task name written (the engine's columns hold 255). */
    static final int NAME_MAX = 200;
    static final String SEPARATOR = " — ";
    public static final int DEFAULT_PRIORITY = 50;
    public static final int APPROVAL_PRIORITY = 60;
    public static final int SEV1_PRIORITY = 90;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final ObjectProvider<RunIdentity> identities;
    private final ObjectProvider<SiteCalendars> calendars;
    private final ObjectProvider<Sites> sites;
    private volatile Map<String, RunIdentity> byKey;

    RunNames(ObjectProvider<RunIdentity> identities, ObjectProvider<SiteCalendars> calendars, ObjectProvider<Sites> sites) {
        this.identities = identities;
        this.calendars = calendars;
        this.sites = sites;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        ExecutionListener nameRun = this::nameRun;
        TaskListener nameTask = this::nameTask;
        BuiltIntoModels.add(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element element, ProcessDefinitionEntity process) {
                process.addBuiltInListener(ExecutionListener.EVENTNAME_START, nameRun);
            }

            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, nameTask);
                }
            }
        });
    }

    /** The rule of a runbook, by its process key. */
    Optional<RunIdentity> identity(String processKey) {
        Map<String, RunIdentity> known = byKey;
        if (known == null) {
            known = identities.orderedStream().collect(Collectors.toUnmodifiableMap(RunIdentity::processKey, Function.identity()));
            byKey = known;
        }
        return Optional.ofNullable(known.get(processKey));
    }

    /** The run's business key: its runbook's rule, with the name of the run at the top of its tree when it was called. */
    private void nameRun(DelegateExecution started) {
        ExecutionEntity run = (ExecutionEntity) started.getProcessInstance();
        ExecutionEntity caller = run.getSuperExecution() == null ? null : run.getSuperExecution().getProcessInstance();
        Optional<RunIdentity> rule = identity(run.getProcessDefinition().getKey());
        if (rule.isPresent() && caller == null && submittedByAPerson()) {
            refuseAtStart(run, rule.get());
        }
        String name;
        if (rule.isPresent()) {
            name = rule.get().name(run);
            if (caller != null) {
                name = name + " (" + root(caller).getBusinessKey() + ")";
            }
        } else if (caller != null) {
            name = caller.getBusinessKey();
        } else {
            name = runbookName(run.getProcessDefinition().getName()) + " " + DAY.format(RunLog.now());
        }
        started.setProcessBusinessKey(cut(name)); // also updates the run in history
    }

    /**
     * A start a person submits (Tasklist's start form, the REST API) with an input that is wrong without looking at the
     * site is refused before the run exists, with every problem in words: Tasklist shows it on the form. Refused as every
     * start refusal is (the form's value types, a closed calendar): an {@link AuthorizationException}, HTTP 403 from
     * {@code start} and {@code submit-form} alike (the REST API answers anything else a start throws with 500).
     */
    private void refuseAtStart(ExecutionEntity run, RunIdentity rule) {
        InputProblems problems = new InputProblems();
        rule.checkStart(run, sites.getObject(), problems);
        if (!problems.none()) {
            throw new AuthorizationException(problems.message("The run was not started, nothing was changed"));
        }
    }

    /**
     * Whether a person submits this start over HTTP (Tasklist, the REST API): a logged-in user in a web request. Timers,
     * alerts, called parts and Dayshift's own starts are judged by the runbook's input check, which ends a refused run with
     * its reasons in its summary.
     */
    private static boolean submittedByAPerson() {
        Authentication authentication = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthentication();
        return authentication != null && authentication.getUserId() != null && RequestContextHolder.getRequestAttributes() != null;
    }

    private static ExecutionEntity root(ExecutionEntity run) {
        ExecutionEntity top = run;
        while (top.getSuperExecution() != null) {
            top = top.getSuperExecution().getProcessInstance();
        }
        return top;
    }

    private void nameTask(DelegateTask delegate) {
        TaskEntity task = (TaskEntity) delegate;
        ExecutionEntity run = task.getExecution().getProcessInstance();
        String key = run.getBusinessKey();
        if (task.getName() != null && key != null && !task.getName().contains(key)) {
            task.setName(named(task.getName(), key));
        }
        boolean approval = task.getTaskDefinition() != null && ApprovalTasks.offeredToApprovers(task.getTaskDefinition());
        Optional<Ruled> ruled = ruled(task.getExecution());
        ruled.ifPresent(r -> task.setPriority(r.rule().priority(approval)));
        Optional<Instant> due = ruled.flatMap(r -> r.rule().due(task, r.execution()));
        if (due.isEmpty() && approval) {
            due = windowEnd(task);
        }
        due.ifPresent(at -> task.setDueDate(Date.from(at)));
    }

    /** {@code what — run}, cut to what the engine keeps. */
    public static String named(String what, String run) {
        return cut(what + SEPARATOR + run);
    }

    /** A task's name as its model gives it: without the {@code — run} that {@link #named} added. */
    public static String withoutRun(String taskName, String run) {
        if (taskName == null || run == null || run.isBlank()) {
            return taskName;
        }
        String suffix = SEPARATOR + run;
        int at = taskName.lastIndexOf(suffix);
        return at > 0 && taskName.endsWith(suffix) ? taskName.substring(0, at) : taskName;
    }

    /**
     * A runbook's short name: its process name before the one-line description Tasklist's start dialog shows with it
     * ({@code Drain compute node} of {@code Drain compute node: move every instance off one host and disable it}).
     */
    public static String runbookName(String processName) {
        if (processName == null) {
            return null;
        }
        int colon = processName.indexOf(": ");
        return colon > 0 ? processName.substring(0, colon) : processName;
    }

    private record Ruled(RunIdentity rule, DelegateExecution execution) {
    }

    /** The first run up the tree, from the task's own, whose runbook declares a rule: its rule and its execution there. */
    private Optional<Ruled> ruled(ExecutionEntity execution) {
        ExecutionEntity at = execution;
        while (at != null) {
            ExecutionEntity instance = at.getProcessInstance();
            Optional<RunIdentity> rule = identity(instance.getProcessDefinition().getKey());
            if (rule.isPresent()) {
                return Optional.of(new Ruled(rule.get(), at));
            }
            at = instance.getSuperExecution();
        }
        return Optional.empty();
    }

    /** An approval is due when its site's change window ends: the current one, or the next when the site is closed. */
    private Optional<Instant> windowEnd(DelegateTask task) {
        Object site = task.getVariable(RunVariables.SITE.name());
        if (!(site instanceof String name) || !calendars.getObject().knows(name)) {
            return Optional.empty();
        }
        Optional<SiteCalendar> calendar = calendars.getObject().of(name);
        if (calendar.isEmpty()) {
            return Optional.empty();
        }
        SiteCalendar.Status now = calendar.get().now();
        if (now.open()) {
            return Optional.ofNullable(now.until());
        }
        return calendar.get().nextWindow(RunLog.now()).map(SiteCalendar.Span::to);
    }

    private static String cut(String name) {
        String line = name.replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() > NAME_MAX ? line.substring(0, NAME_MAX - 1) + "…" : line;
    }
}
