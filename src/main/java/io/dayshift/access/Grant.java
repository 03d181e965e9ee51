package io.dayshift.access;

import java.util.List;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/** One line of the role table: a group may do these things to this resource. */
record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {

    static Grant of(String group, Resource resource, String resourceId, Permission... permissions) {
        return new Grant(group, resource, resourceId, List.of(permissions));
    }
}
