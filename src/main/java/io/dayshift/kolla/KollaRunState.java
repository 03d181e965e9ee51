package io.dayshift.kolla;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a check of a background kolla-ansible run found.
 *
 * @param runId   the run
 * @param status  running, finished or lost
 * @param result  how it ended, only when {@link KollaRunStatus#FINISHED}
 * @param detail  one line for the operator: how long it has run, how it ended, or why it is lost and what to do
 * @param elapsed from its start to its end, or to now while running or lost (deployer clock)
 * @param logTail the end of its log, secrets masked, when finished or lost; {@code ""} while running
 */
public record KollaRunState(String runId, KollaRunStatus status, Optional<KollaRun> result, String detail, Duration elapsed, String logTail) {

    public KollaRunState {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(logTail, "logTail");
        if (result.isPresent() != (status == KollaRunStatus.FINISHED)) {
            throw new IllegalArgumentException("a result goes with FINISHED, and only with it (run " + runId + " is " + status + ")");
        }
    }

    public boolean running() {
        return status == KollaRunStatus.RUNNING;
    }
}
