package io.dayshift.access;

import java.util.List;
import java.util.Map;

/**
 * What a person's command would do to runs, as {@link RunGuard} judges it: the kind of route, the action in words, the
 * variables it writes (names and values as given), the runs it targets (process instance or execution ids; empty when the
 * command selects them by a query), the task or definition it works on, and the reason given with it.
 *
 * @param action    what the person tried, in words that complete "may not …" ("modify a running run")
 * @param risk      why that is refused, in words ("it could skip its approval")
 * @param instead   what to do instead, one sentence
 */
record Attempt(Route route, String action, String risk, String instead, Map<String, ?> variables, List<String> runIds,
               String taskId, String definitionId, String reason) {

    enum Route {
        /** Modification: an administrator only, with a reason; recorded as an override. */
        CHANGE_RUN,
        /** Restart, migration, a definition version, a start at a chosen step: these carry no reason, so no one. */
        CHANGE_RUN_WITHOUT_REASON,
        /** Suspension, executing a job or moving its due date, messages and signals: an administrator only. */
        CONTROL_RUN,
        /** Writing or removing variables of a run or a task: an administrator only; recorded as an override. */
        WRITE_VARIABLES,
        /** Assigning, delegating, resolving, editing, deleting an approval task or changing its candidates: an administrator only. */
        MANAGE_APPROVAL,
        /** Completing or submitting a task: only the editable fields of its form, unless an administrator. */
        WORK_TASK,
        /** Starting a run: only the editable fields of its start form, unless an administrator. */
        START
    }

    Attempt {
        variables = variables == null ? Map.of() : variables;
        runIds = runIds == null ? List.of() : runIds.stream().filter(java.util.Objects::nonNull).toList();
    }

    static Attempt of(Route route, String action, String risk, String instead) {
        return new Attempt(route, action, risk, instead, Map.of(), List.of(), null, null, null);
    }

    Attempt variables(Map<String, ?> written) {
        return new Attempt(route, action, risk, instead, written, runIds, taskId, definitionId, reason);
    }

    Attempt runs(List<String> ids) {
        return new Attempt(route, action, risk, instead, variables, ids, taskId, definitionId, reason);
    }

    Attempt task(String id) {
        return new Attempt(route, action, risk, instead, variables, runIds, id, definitionId, reason);
    }

    Attempt definition(String id) {
        return new Attempt(route, action, risk, instead, variables, runIds, taskId, id, reason);
    }

    Attempt reason(String given) {
        return new Attempt(route, action, risk, instead, variables, runIds, taskId, definitionId, given);
    }
}
