package io.dayshift.kolla;

import java.util.Objects;

/**
 * A kolla-ansible run started in the background on a site's deployer: what a process keeps between the step that starts
 * it and the steps that check it. A reference, not a result.
 *
 * @param runId     the id the caller chose (stable across retries of the starting step)
 * @param action    what was started
 * @param command   the command line (secrets masked)
 * @param directory where the run keeps its command, log, pid and exit code on the deployer
 */
public record KollaRunHandle(String runId, KollaAction action, String command, String directory) {

    public KollaRunHandle {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(directory, "directory");
    }
}
