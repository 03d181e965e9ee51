package io.dayshift.access;

import io.dayshift.approval.ApprovalTasks;
import io.dayshift.engine.EngineCommands;
import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * No route around an approval, inside the engine, so that Cockpit, Tasklist, every REST route and the Java API answer
 * alike. A command interceptor judges each command a logged-in person gives (only the outermost one: commands nested in
 * it, and commands given without a logged-in user — the job executor, Dayshift's own code — are the engine's own) before
 * the engine's own authorization check, by five rules:
 * <ul>
 *   <li>{@value #NO_ROUTE}: only an administrator modifies, suspends or signals runs, writes their variables, executes
 *       jobs or moves their due dates, or manages an approval task (assign, delegate, resolve, edit, delete,
 *       candidates);</li>
 *   <li>{@value #FORM_FIELDS}: everyone else completes a task, or starts a run, with the editable fields of its form
 *       only;</li>
 *   <li>{@value #ENGINE_WRITES}: no one, administrators included, writes a variable of {@link EngineWrittenVariables}
 *       (a task completed with its own form's field of that name excepted);</li>
 *   <li>{@value #FORM_VALUES}: no one, administrators included, starts a run with a value of another type than its start
 *       form's field takes (a number or a list for a site), or with text longer than the field keeps (its
 *       {@code maxLength}, at most {@value FormFields#MAX_TEXT} characters: the engine keeps no more); what the values
 *       mean is the runbook's input check to judge;</li>
 *   <li>{@value #REASON}: an administrator's modification needs a reason (its annotation) and is recorded, with their
 *       variable writes, as an {@value #OVERRIDE} step of the run's log; restart, migration, a definition version and a
 *       start at a chosen step carry no reason, so no one uses them.</li>
 * </ul>
 * A refusal is an {@link AuthorizationException} (403) that names its rule and says what to do instead.
 */
@Component
class RunGuard extends AbstractProcessEnginePlugin {

    static final String NO_ROUTE = "no route around an approval";
    static final String FORM_FIELDS = "only the form's fields";
    static final String ENGINE_WRITES = "variables only the engine writes";
    static final String REASON = "an override needs a reason";
    static final String FORM_VALUES = "each field takes what its form says";
    /** The step name of an administrator's override in the run's log. */
    static final String OVERRIDE = "override";

    private final EngineWrittenVariables engineWritten = new EngineWrittenVariables();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineCommands.addInsideContext(configuration, new Guarding());
    }

    final class Guarding extends CommandInterceptor {

        private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

        @Override
        public <T> T execute(Command<T> command) {
            int[] nesting = depth.get();
            boolean outermost = nesting[0] == 0;
            nesting[0]++;
            try {
                if (outermost) {
                    judge(command, Context.getCommandContext());
                }
                return next.execute(command);
            } finally {
                nesting[0]--;
            }
        }
    }

    private void judge(Command<?> command, CommandContext context) {
        Authentication authentication = context.getAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            return;
        }
        String user = authentication.getUserId();
        Attempt attempt = GuardedCommands.attempt(command, user, id -> task(context, id)).orElse(null);
        if (attempt == null) {
            return;
        }
        ProcessDefinitionEntity started = attempt.definitionId() == null ? null : definition(context, attempt.definitionId());
        if (started != null && !started.isStartableInTasklist()) {
            return; // a runbook's part: no person starts it at all (PartsStartFromTheirRun says so)
        }
        TaskEntity task = attempt.taskId() == null ? null : task(context, attempt.taskId());
        boolean approval = task != null && task.getTaskDefinition() != null && ApprovalTasks.offeredToApprovers(task.getTaskDefinition());
        if (attempt.route() == Attempt.Route.MANAGE_APPROVAL && !approval && attempt.variables().isEmpty()) {
            return;
        }
        boolean worksTask = attempt.route() == Attempt.Route.WORK_TASK || attempt.route() == Attempt.Route.MANAGE_APPROVAL && !approval;
        boolean startsARun = started != null && task == null && attempt.runIds().isEmpty();
        FormFields form = worksTask && task != null ? taskForm(context, task) : startsARun ? startForm(context, started) : null;

        refuseEngineWritten(context, attempt, user, task, worksTask || startsARun ? form : null);
        if (startsARun && form != null) {
            refuseMisshapen(attempt, form);
        }
        boolean administrator = authentication.getGroupIds() != null && authentication.getGroupIds().contains(Roles.ADMINS);
        if (administrator) {
            override(context, attempt, user, task);
            return;
        }
        switch (attempt.route()) {
            case CHANGE_RUN, CHANGE_RUN_WITHOUT_REASON, CONTROL_RUN, WRITE_VARIABLES -> refuse(NO_ROUTE, user + " may not " + attempt.action()
                    + " (" + attempt.risk() + "). " + attempt.instead());
            case MANAGE_APPROVAL, WORK_TASK, START -> {
                if (attempt.route() == Attempt.Route.MANAGE_APPROVAL && approval) {
                    refuse(NO_ROUTE, user + " may not " + attempt.action() + " (" + attempt.risk() + "). " + attempt.instead());
                }
                if (form != null) {
                    refuseOutsideForm(attempt, user, task, form);
                }
            }
        }
    }

    /**
     * No one writes what only the engine writes; a field of that name on the task's own form (or on the start form, for a
     * run's input such as the host a plan is about) is how the engine lets a person write it.
     */
    private void refuseEngineWritten(CommandContext context, Attempt attempt, String user, TaskEntity task, FormFields taskForm) {
        if (attempt.variables().isEmpty()) {
            return;
        }
        Set<String> definitions = new LinkedHashSet<>();
        if (task != null) {
            definitions.add(task.getProcessDefinitionId());
        }
        ProcessDefinitionEntity definition = definition(context, attempt.definitionId());
        if (definition != null) {
            definitions.add(definition.getId());
        }
        for (String runId : attempt.runIds()) {
            ExecutionEntity execution = execution(context, runId);
            if (execution != null) {
                definitions.add(execution.getProcessDefinitionId());
            }
        }
        DeploymentCache deployments = context.getProcessEngineConfiguration().getDeploymentCache();
        Set<String> engineOnly = new TreeSet<>(EngineWrittenVariables.NAMES.keySet());
        definitions.stream().filter(Objects::nonNull).forEach(id -> engineOnly.addAll(engineWritten.of(deployments, id)));
        List<String> written = attempt.variables().keySet().stream()
                .filter(engineOnly::contains)
                .filter(name -> taskForm == null || !taskForm.editable().contains(name)
                        && !shownUnchanged(taskForm, task, name, attempt.variables().get(name)))
                .sorted()
                .toList();
        if (!written.isEmpty()) {
            refuse(ENGINE_WRITES, user + " may not write " + String.join(", ", written) + " — " + EngineWrittenVariables.described(written.get(0))
                    + ". Only Dayshift's own steps write " + (written.size() == 1 ? "it" : "them") + "; no one else may, administrators included.");
        }
    }

    private void override(CommandContext context, Attempt attempt, String user, TaskEntity task) {
        switch (attempt.route()) {
            case CHANGE_RUN_WITHOUT_REASON -> refuse(REASON, "no one may " + attempt.action() + ": the engine records no reason with it, and "
                    + attempt.risk() + ". " + attempt.instead());
            case CHANGE_RUN -> {
                if (attempt.reason() == null || attempt.reason().isBlank()) {
                    refuse(REASON, user + " may " + attempt.action() + " only with a reason: give it as the annotation. It is recorded in the run's "
                            + "step log and in the operation log.");
                }
                record(context, attempt, user, attempt.runIds());
            }
            case WRITE_VARIABLES -> record(context, attempt, user, task != null ? List.of(task.getExecutionId()) : attempt.runIds());
            default -> {
            }
        }
    }

    /** An {@value #OVERRIDE} step in the log of each run the attempt names: what, by whom (target), why (result), when. */
    private static void record(CommandContext context, Attempt attempt, String user, List<String> runIds) {
        String reason = attempt.reason() == null || attempt.reason().isBlank() ? "no reason given" : attempt.reason().strip();
        String variables = attempt.variables().isEmpty() ? "" : "variables: " + String.join(", ", new TreeSet<>(attempt.variables().keySet()));
        for (String runId : runIds) {
            ExecutionEntity execution = execution(context, runId);
            if (execution != null) {
                RunLog.record(execution, new StepRecord(OVERRIDE, attempt.action(), user, reason, null, variables, RunLog.now()));
            }
        }
    }

    /**
     * A field the task's form shows read-only, sent back with the value the task holds: Tasklist submits a form's
     * read-only fields with the rest, so an approver completing the form as shown writes nothing new.
     */
    private static boolean shownUnchanged(FormFields form, TaskEntity task, String name, Object submitted) {
        return form.readonly().contains(name) && task != null && Objects.equals(value(submitted), task.getVariable(name));
    }

    private static void refuseOutsideForm(Attempt attempt, String user, TaskEntity task, FormFields form) {
        List<String> outside = new ArrayList<>();
        for (Map.Entry<String, ?> variable : attempt.variables().entrySet()) {
            String name = variable.getKey();
            if (!form.editable().contains(name) && !shownUnchanged(form, task, name, variable.getValue())) {
                outside.add(name);
            }
        }
        if (!outside.isEmpty()) {
            String what = task != null ? "complete '" + task.getName() + "'" : "start a run";
            refuse(FORM_FIELDS, user + " may not " + what + " with " + String.join(", ", outside.stream().sorted().toList()) + ": its form has "
                    + form.described() + ". Submit the form's fields only; an administrator changes anything else, recorded.");
        }
    }

    /**
     * A run's input of another type than its start form's field takes (a number for a site, a list for a host), or longer
     * than the field keeps, is refused before anything starts, for everyone: the runbook's input check judges the values.
     */
    private static void refuseMisshapen(Attempt attempt, FormFields form) {
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(attempt.variables().keySet())) {
            form.problem(name, typed(attempt.variables(), name)).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            refuse(FORM_VALUES, "the run was not started: " + String.join("; ", problems) + ". Give each field of " + form.form()
                    + " what it takes.");
        }
    }

    private static TypedValue typed(Map<String, ?> variables, String name) {
        if (variables instanceof VariableMap map) {
            return map.getValueTyped(name);
        }
        Object given = variables.get(name);
        return given instanceof TypedValue typed ? typed : Variables.untypedValue(given);
    }

    private static Object value(Object given) {
        return given instanceof TypedValue typed ? typed.getValue() : given;
    }

    private static FormFields taskForm(CommandContext context, TaskEntity task) {
        return FormFields.of(() -> context.runWithoutAuthorization(() -> new GetDeployedTaskFormCmd(task.getId()).execute(context)));
    }

    private static FormFields startForm(CommandContext context, ProcessDefinitionEntity definition) {
        if (definition == null) {
            return FormFields.NONE;
        }
        return FormFields.of(() -> context.runWithoutAuthorization(() -> new GetDeployedStartFormCmd(definition.getId()).execute(context)));
    }

    /** The definition by id, or by {@code key:<key>} its latest version; null when there is none (the engine then answers). */
    private static ProcessDefinitionEntity definition(CommandContext context, String id) {
        if (id == null) {
            return null;
        }
        DeploymentCache deployments = context.getProcessEngineConfiguration().getDeploymentCache();
        try {
            return id.startsWith("key:") ? deployments.findDeployedLatestProcessDefinitionByKey(id.substring(4))
                    : deployments.findDeployedProcessDefinitionById(id);
        } catch (RuntimeException none) {
            return null;
        }
    }

    private static TaskEntity task(CommandContext context, String id) {
        return id == null ? null : context.runWithoutAuthorization(() -> context.getTaskManager().findTaskById(id));
    }

    private static ExecutionEntity execution(CommandContext context, String id) {
        return id == null || id.isEmpty() ? null : context.runWithoutAuthorization(() -> context.getExecutionManager().findExecutionById(id));
    }

    private static void refuse(String rule, String what) {
        throw new AuthorizationException("Rule '" + rule + "': " + what);
    }
}
