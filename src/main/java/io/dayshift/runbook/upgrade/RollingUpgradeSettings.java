package io.dayshift.runbook.upgrade;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code dayshift.runbooks.rolling-upgrade.*}: how often the waits look, how long a step may take before an ops lead
 * decides, the shortest window accepted, the largest batch, and the scope asked of backup-site. The model reads
 * {@code ${rollingUpgradeSettings.checkInterval}} and {@code ${rollingUpgradeSettings.backupScope}}.
 */
@Component("rollingUpgradeSettings")
public class RollingUpgradeSettings {

    private final Duration checkInterval;
    private final Duration stepDeadline;
    private final Duration smokeDeadline;
    private final Duration minimumWindow;
    private final int maxBatchSize;
    private final String backupScope;

    RollingUpgradeSettings(
            @Value("${dayshift.runbooks.rolling-upgrade.check-interval:PT1M}") Duration checkInterval,
            @Value("${dayshift.runbooks.rolling-upgrade.step-deadline:PT4H}") Duration stepDeadline,
            @Value("${dayshift.runbooks.rolling-upgrade.smoke-deadline:PT10M}") Duration smokeDeadline,
            @Value("${dayshift.runbooks.rolling-upgrade.minimum-window:PT2H}") Duration minimumWindow,
            @Value("${dayshift.runbooks.rolling-upgrade.max-batch-size:20}") int maxBatchSize,
            @Value("${dayshift.runbooks.rolling-upgrade.backup-scope:databases}") String backupScope) {
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("dayshift.runbooks.rolling-upgrade.check-interval must be a positive duration");
        }
        for (Duration d : List.of(stepDeadline, smokeDeadline)) {
            if (d.compareTo(checkInterval) < 0) {
                throw new IllegalArgumentException("dayshift.runbooks.rolling-upgrade: every deadline must be at least the check interval");
            }
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("dayshift.runbooks.rolling-upgrade.max-batch-size must be at least 1");
        }
        this.checkInterval = checkInterval;
        this.stepDeadline = stepDeadline;
        this.smokeDeadline = smokeDeadline;
        this.minimumWindow = minimumWindow;
        this.maxBatchSize = maxBatchSize;
        this.backupScope = backupScope;
    }

    /** The timer's ISO-8601 duration, e.g. {@code PT1M}. */
    public String getCheckInterval() {
        return checkInterval.toString();
    }

    public String getBackupScope() {
        return backupScope;
    }

    Duration stepDeadline() {
        return stepDeadline;
    }

    Duration smokeDeadline() {
        return smokeDeadline;
    }

    Duration minimumWindow() {
        return minimumWindow;
    }

    int maxBatchSize() {
        return maxBatchSize;
    }
}
