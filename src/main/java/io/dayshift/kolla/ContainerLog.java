package io.dayshift.kolla;

import java.util.List;
import java.util.Optional;

/**
 * The last lines of one container's log on one node, or why they could not be read.
 *
 * @param host      the node as the inventory names it
 * @param container the container
 * @param problem   empty when the log was read; else what Ansible said
 * @param lines     the lines, oldest first (empty when {@code problem} is set)
 */
public record ContainerLog(String host, String container, Optional<String> problem, List<String> lines) {

    public ContainerLog {
        problem = problem == null ? Optional.empty() : problem;
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
