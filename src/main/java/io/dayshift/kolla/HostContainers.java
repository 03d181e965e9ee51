package io.dayshift.kolla;

import java.util.List;
import java.util.Optional;

/**
 * The containers of one node, or why they could not be listed.
 *
 * @param host       the node as the inventory names it
 * @param problem    empty when the node answered; else what Ansible said (unreachable, the command failed)
 * @param containers every container, running or not (empty when {@code problem} is set)
 */
public record HostContainers(String host, Optional<String> problem, List<NodeContainer> containers) {

    public HostContainers {
        problem = problem == null ? Optional.empty() : problem;
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    public boolean answered() {
        return problem.isEmpty();
    }
}
