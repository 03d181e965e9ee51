package io.dayshift.access;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Makes {@code dayshift-admins} the engine's administrator group (instead of {@code camunda-admin}), and gives a task's
 * candidates and assignee TASK_WORK (claim, complete) instead of UPDATE: only an administrator assigns, delegates, edits a
 * task or sets its variables.
 */
@Component
class EngineAccessPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // The engine adds its own camunda-admin to this list, so it must be mutable; no such group is created.
        configuration.setAdminGroups(new ArrayList<>(List.of(Roles.ADMINS)));
        configuration.setDefaultUserPermissionNameForTask(TaskPermissions.TASK_WORK.getName());
    }
}
