package io.dayshift.lab.model;

import java.time.Instant;
import java.util.List;

/**
 * A kolla-ansible run: decided when it starts (which hosts fail, the exit code, the output), finished when simulated
 * time reaches {@code finishesAt}, and its effects on the model applied then.
 *
 * @param action    {@code deploy}, {@code upgrade}, {@code mariadb_backup}… (kolla-ansible's word, underscores)
 * @param hosts     the hosts it ran on, after {@code --limit}
 * @param exitCode  ansible-playbook's exit code
 * @param output    the whole output, ending with a PLAY RECAP (or an ERROR! line for exit 1)
 * @param finished  true once its effects are applied
 */
public record PlaybookRun(String id, String action, List<String> limit, List<String> hosts, List<String> failedHosts,
                          List<String> unreachableHosts, int exitCode, String output, Instant startedAt, Instant finishesAt, boolean finished) {

    public PlaybookRun {
        limit = List.copyOf(limit);
        hosts = List.copyOf(hosts);
        failedHosts = List.copyOf(failedHosts);
        unreachableHosts = List.copyOf(unreachableHosts);
    }

    PlaybookRun done() {
        return new PlaybookRun(id, action, limit, hosts, failedHosts, unreachableHosts, exitCode, output, startedAt, finishesAt, true);
    }
}
