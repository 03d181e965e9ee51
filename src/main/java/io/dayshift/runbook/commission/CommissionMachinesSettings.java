package io.dayshift.runbook.commission;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code dayshift.runbooks.commission-machines.*}: how often a run looks at a commissioning machine and how long it
 * lets MAAS take before an ops lead decides. The model reads the interval as {@code ${commissionMachinesSettings.checkInterval}}.
 */
@Component("commissionMachinesSettings")
public class CommissionMachinesSettings {

    private final Duration checkInterval;
    private final Duration deadline;

    CommissionMachinesSettings(
            @Value("${dayshift.runbooks.commission-machines.check-interval:PT30S}") Duration checkInterval,
            @Value("${dayshift.runbooks.commission-machines.deadline:PT45M}") Duration deadline) {
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("dayshift.runbooks.commission-machines.check-interval must be a positive duration");
        }
        if (deadline.compareTo(checkInterval) < 0) {
            throw new IllegalArgumentException("dayshift.runbooks.commission-machines.deadline must be at least the check interval");
        }
        this.checkInterval = checkInterval;
        this.deadline = deadline;
    }

    /** The timer's ISO-8601 duration, e.g. {@code PT30S}. */
    public String getCheckInterval() {
        return checkInterval.toString();
    }

    public Duration deadline() {
        return deadline;
    }
}
