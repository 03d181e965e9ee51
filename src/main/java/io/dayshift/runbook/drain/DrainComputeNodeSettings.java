package io.dayshift.runbook.drain;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code dayshift.runbooks.drain-compute-node.*}: how often a run looks at a moving instance, how long one move may take
 * before an ops lead decides, and how many instances move at once. The model reads them as
 * {@code ${drainComputeNodeSettings.checkInterval}}, {@code ${drainComputeNodeSettings.migrationDeadline}} and
 * {@code ${drainComputeNodeSettings.batchSize}}.
 */
@Component("drainComputeNodeSettings")
public class DrainComputeNodeSettings {

    private final Duration checkInterval;
    private final Duration migrationDeadline;
    private final int batchSize;

    DrainComputeNodeSettings(
            @Value("${dayshift.runbooks.drain-compute-node.check-interval:PT30S}") Duration checkInterval,
            @Value("${dayshift.runbooks.drain-compute-node.migration-deadline:PT30M}") Duration migrationDeadline,
            @Value("${dayshift.runbooks.drain-compute-node.batch-size:3}") int batchSize) {
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("dayshift.runbooks.drain-compute-node.check-interval must be a positive duration");
        }
        if (migrationDeadline.compareTo(checkInterval) < 0) {
            throw new IllegalArgumentException("dayshift.runbooks.drain-compute-node.migration-deadline must be at least the check interval");
        }
        if (batchSize < 1 || batchSize > 50) {
            throw new IllegalArgumentException("dayshift.runbooks.drain-compute-node.batch-size must be between 1 and 50, not " + batchSize);
        }
        this.checkInterval = checkInterval;
        this.migrationDeadline = migrationDeadline;
        this.batchSize = batchSize;
    }

    /** The wait between two checks of a moving instance (ISO 8601, e.g. {@code PT30S}). */
    public String getCheckInterval() {
        return checkInterval.toString();
    }

    /** How long one instance's move may take before an ops lead decides (ISO 8601, e.g. {@code PT30M}). */
    public String getMigrationDeadline() {
        return migrationDeadline.toString();
    }

    /** How many instances are migrated at once. */
    public int getBatchSize() {
        return batchSize;
    }
}
