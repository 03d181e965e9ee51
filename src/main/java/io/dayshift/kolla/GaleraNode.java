package io.dayshift.kolla;

import java.util.Map;
import java.util.Optional;

/**
 * One MariaDB node's view of its Galera cluster ({@code SHOW GLOBAL STATUS LIKE 'wsrep_%'}), or why it could not be asked.
 *
 * @param host    the node as the inventory names it
 * @param problem empty when the node answered; else what Ansible or the node said
 * @param status  {@code wsrep_cluster_size}, {@code wsrep_cluster_status}, {@code wsrep_local_state_comment} and their values
 */
public record GaleraNode(String host, Optional<String> problem, Map<String, String> status) {

    public GaleraNode {
        problem = problem == null ? Optional.empty() : problem;
        status = status == null ? Map.of() : Map.copyOf(status);
    }

    /** How many nodes this node sees in its cluster, -1 if not told. */
    public int clusterSize() {
        try {
            return Integer.parseInt(status.getOrDefault("wsrep_cluster_size", "-1").strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code Primary}, {@code non-Primary} or {@code Disconnected}; {@code ""} if not told. */
    public String clusterStatus() {
        return status.getOrDefault("wsrep_cluster_status", "");
    }

    /** {@code Synced}, {@code Donor/Desynced}, {@code Joining}, {@code Initialized}…; {@code ""} if not told. */
    public String localState() {
        return status.getOrDefault("wsrep_local_state_comment", "");
    }
}
