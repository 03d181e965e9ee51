package io.dayshift.access;

import static io.dayshift.access.Attempt.Route.CHANGE_RUN;
import static io.dayshift.access.Attempt.Route.CHANGE_RUN_WITHOUT_REASON;
import static io.dayshift.access.Attempt.Route.CONTROL_RUN;
import static io.dayshift.access.Attempt.Route.MANAGE_APPROVAL;
import static io.dayshift.access.Attempt.Route.START;
import static io.dayshift.access.Attempt.Route.WORK_TASK;
import static io.dayshift.access.Attempt.Route.WRITE_VARIABLES;

import io.dayshift.engine.EngineCommands;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.SignalEventReceivedBuilderImpl;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractInstantiationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetProcessDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetProcessInstanceStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractUpdateProcessInstancesSuspendStateCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetProcessDefinitionVersionCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Which engine commands are routes that {@link RunGuard} judges, and what each would do: Camunda's command classes, read
 * through their builders' getters where they have them and through {@link #field} where they do not.
 */
final class GuardedCommands {

    private static final String ASK_AN_ADMINISTRATOR = "Ask an administrator: an administrator's change is recorded.";
    private static final String START_AGAIN = "Cancel the run and start the runbook again: its approval comes first.";
    private static final String LEAVE_IT_TO_THE_ENGINE = "Retry a failed job by setting its retries, and let the engine run it.";
    private static final String SIGNALS = "Ask an administrator; a run waiting for a person moves when that person completes the task.";

    private GuardedCommands() {
    }

    /**
     * The attempt a command makes, or empty when it is no route around an approval (a read, a start without variables
     * outside its form is still a {@link Attempt.Route#START}, a retry, a cancellation, a claim by the user themself).
     */
    static Optional<Attempt> attempt(Command<?> command, String user, TaskLookup tasks) {
        // modification, restart, migration, definition version, start at a chosen step
        if (command instanceof ModifyProcessInstanceCmd || command instanceof ModifyProcessInstanceAsyncCmd) {
            ProcessInstanceModificationBuilderImpl builder = field(command, "builder");
            return Optional.of(modification("modify a running run").runs(List.of(builder.getProcessInstanceId()))
                    .variables(modificationVariables(builder.getProcessVariables(), builder.getModificationOperations()))
                    .reason(builder.getAnnotation()));
        }
        if (command instanceof AbstractModificationCmd<?>) {
            ModificationBuilderImpl builder = field(command, "builder");
            return Optional.of(modification("modify running runs").runs(builder.getProcessInstanceIds())
                    .definition(builder.getProcessDefinitionId())
                    .variables(modificationVariables(Map.of(), builder.getInstructions())).reason(builder.getAnnotation()));
        }
        if (command instanceof AbstractRestartProcessInstanceCmd<?> || command instanceof RestartProcessInstancesBatchCmd) {
            return Optional.of(Attempt.of(CHANGE_RUN_WITHOUT_REASON, "restart a run", "it could start it after its approval",
                    "Start the runbook again: its approval comes first."));
        }
        if (command instanceof AbstractMigrationCmd || command instanceof MigrateProcessInstanceBatchCmd) {
            return Optional.of(Attempt.of(CHANGE_RUN_WITHOUT_REASON, "migrate a run to another model", "it could move it past its approval",
                    START_AGAIN));
        }
        if (command instanceof SetProcessDefinitionVersionCmd) {
            return Optional.of(Attempt.of(CHANGE_RUN_WITHOUT_REASON, "set the model version of a run", "it could move it past its approval",
                    START_AGAIN).runs(List.of(GuardedCommands.<String>field(command, "processInstanceId"))));
        }
        if (command instanceof StartProcessInstanceAtActivitiesCmd) {
            ProcessInstantiationBuilderImpl builder = field(command, "instantiationBuilder");
            return Optional.of(Attempt.of(CHANGE_RUN_WITHOUT_REASON, "start a run at a step of their choice", "it could start after its approval",
                    "Start the runbook from its start form.").definition(definitionOf(builder)).variables(builder.getVariables()));
        }

        // variables of runs and tasks
        if (command instanceof AbstractSetVariableCmd || command instanceof AbstractRemoveVariableCmd || command instanceof AbstractPatchVariablesCmd) {
            boolean task = command instanceof SetTaskVariablesCmd || command.getClass().getSimpleName().contains("Task");
            String entityId = field(command, "entityId");
            Map<String, Object> written = new LinkedHashMap<>();
            if (!(command instanceof AbstractRemoveVariableCmd)) {
                Map<String, ?> values = field(command, "variables");
                if (values != null) {
                    written.putAll(values);
                }
            }
            Collection<String> removed = command instanceof AbstractRemoveVariableCmd ? field(command, "variableNames")
                    : command instanceof AbstractPatchVariablesCmd ? field(command, "deletions") : null;
            if (removed != null) {
                removed.forEach(name -> written.put(name, null));
            }
            Attempt attempt = Attempt.of(WRITE_VARIABLES, task ? "write or remove variables of a task" : "write or remove variables of a running run",
                    "a decision, or what it decides on, could change behind the approver's back", ASK_AN_ADMINISTRATOR).variables(written);
            return Optional.of(task ? attempt.task(entityId) : attempt.runs(List.of(entityId)));
        }
        if (command instanceof SetVariablesToProcessInstancesBatchCmd) {
            return Optional.of(Attempt.of(WRITE_VARIABLES, "write variables of running runs",
                    "a decision, or what it decides on, could change behind the approver's back", ASK_AN_ADMINISTRATOR)
                    .variables(field(command, "variables")).runs(field(command, "processInstanceIds")));
        }

        // suspension, jobs
        if (command instanceof AbstractSetProcessInstanceStateCmd || command instanceof AbstractUpdateProcessInstancesSuspendStateCmd<?>
                || command instanceof AbstractSetProcessDefinitionStateCmd || command instanceof AbstractSetJobStateCmd
                || command instanceof AbstractSetJobDefinitionStateCmd) {
            return Optional.of(Attempt.of(CONTROL_RUN, "suspend or activate runs, runbooks, jobs or job definitions",
                    "it could hold a run at its approval or release it past one", "Ask an administrator; to stop a run for good, cancel it."));
        }
        if (command instanceof ExecuteJobsCmd) {
            return Optional.of(Attempt.of(CONTROL_RUN, "execute a job", "it runs a step when the engine would not", LEAVE_IT_TO_THE_ENGINE));
        }
        if (command instanceof SetJobDuedateCmd || command instanceof RecalculateJobDuedateCmd) {
            return Optional.of(Attempt.of(CONTROL_RUN, "change when a job runs", "it runs a step when the engine would not", LEAVE_IT_TO_THE_ENGINE));
        }

        // messages and signals
        if (command instanceof AbstractCorrelateMessageCmd) {
            MessageCorrelationBuilderImpl builder = field(command, "builder");
            boolean startsOnly = field(builder, "startMessagesOnly");
            if (startsOnly) {
                return Optional.of(Attempt.of(START, "start a run by message with variables outside its start form", "", "")
                        .variables(builder.getPayloadProcessInstanceVariables()).definition(builder.getProcessDefinitionId()));
            }
            return Optional.of(messages().runs(List.of(Objects.requireNonNullElse(builder.getProcessInstanceId(), "")))
                    .variables(merged(builder.getPayloadProcessInstanceVariables(), builder.getPayloadProcessInstanceVariablesLocal())));
        }
        if (command instanceof CorrelateAllMessageBatchCmd) {
            return Optional.of(messages().variables(field(command, "variables")).runs(field(command, "processInstanceIds")));
        }
        if (command instanceof MessageEventReceivedCmd) {
            return Optional.of(messages().runs(List.of(GuardedCommands.<String>field(command, "executionId")))
                    .variables(merged(field(command, "processVariables"), field(command, "processVariablesLocal"))));
        }
        if (command instanceof SignalEventReceivedCmd) {
            SignalEventReceivedBuilderImpl builder = field(command, "builder");
            return Optional.of(messages().runs(List.of(Objects.requireNonNullElse(builder.getExecutionId(), ""))).variables(builder.getVariables()));
        }
        if (command instanceof SignalCmd) {
            return Optional.of(messages().runs(List.of(GuardedCommands.<String>field(command, "executionId"))).variables(field(command, "processVariables")));
        }

        // tasks
        if (command instanceof ResolveTaskCmd || command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
            String taskId = field(command, "taskId");
            Map<String, Object> variables = field(command, "variables");
            return Optional.of(manage("resolve an approval task or throw an error or escalation from it", taskId).variables(variables)
                    .task(taskId));
        }
        if (command instanceof CompleteTaskCmd) {
            return Optional.of(Attempt.of(WORK_TASK, "complete a task", "", "").task(field(command, "taskId")).variables(field(command, "variables")));
        }
        if (command instanceof SubmitTaskFormCmd) {
            return Optional.of(Attempt.of(WORK_TASK, "complete a task", "", "").task(field(command, "taskId")).variables(field(command, "properties")));
        }
        if (command instanceof ClaimTaskCmd) {
            String taskId = field(command, "taskId");
            String assignee = field(command, "userId");
            return selfClaim(taskId, assignee, user, tasks) ? Optional.empty() : Optional.of(manage("claim an approval task for someone else", taskId));
        }
        if (command instanceof AssignTaskCmd) {
            String taskId = field(command, "taskId");
            String assignee = field(command, "userId");
            if (!selfClaim(taskId, assignee, user, tasks)) {
                return Optional.of(manage("assign an approval task", taskId));
            }
            return assignee == null || offeredTo(tasks.find(taskId), user) ? Optional.empty()
                    : Optional.of(Attempt.of(CONTROL_RUN, "take a task offered to others", "someone outside its candidate groups would decide it",
                    "Leave it to the groups it is offered to; an administrator may assign it.").task(taskId));
        }
        if (command instanceof AbstractAddIdentityLinkCmd || command instanceof AbstractSetTaskPropertyCmd<?>) {
            return Optional.of(manage("change who may decide an approval task, or edit it", field(command, "taskId")));
        }
        if (command instanceof DeleteIdentityLinkCmd) {
            return Optional.of(manage("change who may decide an approval task", field(command, "taskId")));
        }
        if (command instanceof DelegateTaskCmd) {
            return Optional.of(manage("delegate an approval task", field(command, "taskId")));
        }
        if (command instanceof SaveTaskCmd) {
            TaskEntity task = field(command, "task");
            return Optional.of(manage("edit an approval task", task.getId()));
        }
        if (command instanceof DeleteTaskCmd) {
            Collection<String> ids = field(command, "taskIds");
            String id = ids != null && !ids.isEmpty() ? ids.iterator().next() : field(command, "taskId");
            return Optional.of(manage("delete an approval task", id));
        }

        // starts
        if (command instanceof StartProcessInstanceCmd) {
            ProcessInstantiationBuilderImpl builder = field(command, "instantiationBuilder");
            return Optional.of(Attempt.of(START, "start a run", "", "").definition(definitionOf(builder)).variables(builder.getVariables()));
        }
        if (command instanceof SubmitStartFormCmd) {
            return Optional.of(Attempt.of(START, "start a run", "", "").definition(field(command, "processDefinitionId"))
                    .variables(field(command, "variables")));
        }
        return Optional.empty();
    }

    /** Who may read a task: the guard, without the user's authorizations. */
    interface TaskLookup {
        TaskEntity find(String taskId);
    }

    private static Attempt modification(String action) {
        return Attempt.of(CHANGE_RUN, action, "it could skip its approval",
                "Ask an administrator: an administrator's modification needs a reason and is recorded.");
    }

    private static Attempt messages() {
        return Attempt.of(CONTROL_RUN, "deliver messages or signals to running runs", "it could move a run past a waiting step, its approval included",
                SIGNALS);
    }

    private static Attempt manage(String action, String taskId) {
        return Attempt.of(MANAGE_APPROVAL, action, "it could hand the decision to someone who may not take it",
                "Claim it yourself if you may decide it; otherwise leave it to the approvers.").task(taskId);
    }

    /** A claim of a free task by the user themself, or an unclaim of their own: the four-eyes rule judges those. */
    private static boolean selfClaim(String taskId, String assignee, String user, TaskLookup tasks) {
        TaskEntity task = tasks.find(taskId);
        String current = task == null ? null : task.getAssignee();
        return user.equals(assignee) && current == null || assignee == null && user.equals(current);
    }

    /**
     * Whether the signed-in user is among the task's candidates (a candidate user, or a member of a candidate group), as a
     * claim requires: assigning oneself a task (Tasklist's and REST's assignee route) needs only the assign permission,
     * which candidates of every group hold in order to give tasks back.
     */
    private static boolean offeredTo(TaskEntity task, String user) {
        if (task == null) {
            return true; // no such task: the engine says so
        }
        Authentication authentication = Context.getCommandContext().getAuthentication();
        List<String> groups = authentication == null || authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        return task.getIdentityLinks().stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .anyMatch(link -> user.equals(link.getUserId()) || link.getGroupId() != null && groups.contains(link.getGroupId()));
    }

    private static String definitionOf(ProcessInstantiationBuilderImpl builder) {
        return builder.getProcessDefinitionId() != null ? builder.getProcessDefinitionId() : "key:" + builder.getProcessDefinitionKey();
    }

    private static Map<String, Object> modificationVariables(Map<String, Object> processVariables, List<?> instructions) {
        Map<String, Object> all = new LinkedHashMap<>(processVariables == null ? Map.of() : processVariables);
        for (Object instruction : instructions == null ? List.of() : instructions) {
            if (instruction instanceof AbstractInstantiationCmd) {
                all.putAll(merged(field(instruction, "variables"), field(instruction, "variablesLocal")));
            }
        }
        return all;
    }

    private static Map<String, Object> merged(Map<String, ?> first, Map<String, ?> second) {
        Map<String, Object> all = new HashMap<>();
        if (first != null) {
            all.putAll(first);
        }
        if (second != null) {
            all.putAll(second);
        }
        return all;
    }

    /**
     * A field of one of the engine's command or builder classes that has no getter, by name, searched up the class
     * hierarchy. A renamed field in a later engine fails here loudly, naming the class and the field.
     */
    static <T> T field(Object target, String name) {
        return EngineCommands.field(target, name);
    }
}
