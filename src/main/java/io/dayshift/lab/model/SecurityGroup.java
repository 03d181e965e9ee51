package io.dayshift.lab.model;

import java.util.List;

public record SecurityGroup(String id, String name, String projectId, String description, List<SecurityGroupRule> rules) {

    public SecurityGroup {
        rules = List.copyOf(rules);
    }
}
