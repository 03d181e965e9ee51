package io.dayshift.access;

import static io.dayshift.access.Roles.ADMINS;
import static io.dayshift.access.Roles.APPROVERS;
import static io.dayshift.access.Roles.AUDITORS;
import static io.dayshift.access.Roles.OPS_LEADS;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.DELETE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.DELETE_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_TASK;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.RETRY_JOB;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.BATCH;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.OPERATION_LOG_CATEGORY;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;

/**
 * What each role may do, as Camunda authorizations. Dayshift administrators are the engine's admin
 * group and may do everything; they also hold ALL on every resource, because the webapps decide who
 * may open them from stored authorizations alone. Tasks need no line: giving a task a candidate group
 * grants that group read and TASK_WORK on it — claim and complete, not assign, delegate or edit
 * ({@code EngineAccessPlugin} sets the engine's default to TASK_WORK). What no authorization can say —
 * which variables, which tasks are approvals — {@link RunGuard} checks.
 */
final class RoleGrants {

    static final String ANY = "*";

    static final List<Grant> TABLE = Stream.concat(Stream.of(

            // Ops leads: Tasklist to start runbooks and work their operator tasks; Cockpit to follow and repair runs.
            Grant.of(OPS_LEADS, APPLICATION, "tasklist", ACCESS),
            Grant.of(OPS_LEADS, APPLICATION, "cockpit", ACCESS),
            // No UPDATE_INSTANCE, UPDATE_INSTANCE_VARIABLE or UPDATE on a process instance: those would let an ops lead
            // modify a run past its approval or write its decisions (RunGuard refuses it first, naming the rule).
            Grant.of(OPS_LEADS, PROCESS_DEFINITION, ANY, READ, CREATE_INSTANCE, READ_INSTANCE, DELETE_INSTANCE,
                    READ_INSTANCE_VARIABLE, RETRY_JOB, READ_TASK, READ_HISTORY),
            Grant.of(OPS_LEADS, PROCESS_INSTANCE, ANY, CREATE, READ, DELETE, ProcessInstancePermissions.RETRY_JOB),
            // Cockpit's bulk actions: retry jobs and cancel runs, as batches.
            Grant.of(OPS_LEADS, BATCH, ANY, BatchPermissions.CREATE_BATCH_SET_JOB_RETRIES,
                    BatchPermissions.CREATE_BATCH_DELETE_RUNNING_PROCESS_INSTANCES),
            Grant.of(OPS_LEADS, DEPLOYMENT, ANY, READ),
            Grant.of(OPS_LEADS, DECISION_DEFINITION, ANY, READ),
            Grant.of(OPS_LEADS, OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ),
            // Tasklist's "unclaim" is an assignment: without TASK_ASSIGN a person could not give back a task they claimed.
            // Which assignments are allowed is RunGuard's (on an approval: only one's own claim and unclaim).
            Grant.of(OPS_LEADS, TASK, ANY, TaskPermissions.TASK_ASSIGN),

            // Approvers: Tasklist to decide; read-only Cockpit to look at the run they are asked to approve.
            Grant.of(APPROVERS, APPLICATION, "tasklist", ACCESS),
            Grant.of(APPROVERS, APPLICATION, "cockpit", ACCESS),
            Grant.of(APPROVERS, PROCESS_DEFINITION, ANY, READ, READ_INSTANCE, READ_INSTANCE_VARIABLE, READ_HISTORY),
            Grant.of(APPROVERS, PROCESS_INSTANCE, ANY, READ),
            Grant.of(APPROVERS, TASK, ANY, TaskPermissions.TASK_ASSIGN),
            Grant.of(APPROVERS, DECISION_DEFINITION, ANY, READ),

            // Auditors: read everything in Cockpit, including the operation log; start, change, complete nothing.
            Grant.of(AUDITORS, APPLICATION, "cockpit", ACCESS),
            Grant.of(AUDITORS, PROCESS_DEFINITION, ANY, READ, READ_INSTANCE, READ_INSTANCE_VARIABLE, READ_TASK, READ_HISTORY),
            Grant.of(AUDITORS, PROCESS_INSTANCE, ANY, READ),
            Grant.of(AUDITORS, TASK, ANY, READ),
            Grant.of(AUDITORS, DEPLOYMENT, ANY, READ),
            Grant.of(AUDITORS, DECISION_DEFINITION, ANY, READ, Permissions.READ_HISTORY),
            Grant.of(AUDITORS, OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ)),

            Arrays.stream(Resources.values()).map(resource -> Grant.of(ADMINS, resource, ANY, Permissions.ALL)))
            .toList();

    private RoleGrants() {
    }
}
