package io.dayshift.runbook.commission;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code dayshift.runbooks.commission-machines.*}: how often a run looks at a commissioning machine, how long it lets
 * MAAS take before an ops lead decides, and how many machines commission at once (MAAS and the network boot serve a
 * limited number of machines well; a rack of 40 is not started in one go). The model reads the interval as {@code ${commissionMachinesSettings.checkInterval}}.
 */
@Component("commissionMachinesSettings")
public class CommissionMachinesSettings {

    private final Duration checkInterval;
    private final Duration deadline;
    private final int maxParallel;

    CommissionMachinesSettings(
            @Value("${dayshift.runbooks.commission-machines.check-interval:PT30S}") Duration checkInterval,
            @Value("${dayshift.runbooks.commission-machines.deadline:PT45M}") Duration deadline,
            @Value("${dayshift.runbooks.commission-machines.max-parallel:10}") int maxParallel) {
        if (maxParallel < 1 || maxParallel > 100) {
            throw new IllegalArgumentException("dayshift.runbooks.commission-machines.max-parallel must be between 1 and 100, not " + maxParallel);
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("dayshift.runbooks.commission-machines.check-interval must be a positive duration");
        }
        if (deadline.compareTo(checkInterval) < 0) {
            throw new IllegalArgumentException("dayshift.runbooks.commission-machines.deadline must be at least the check interval");
        }
        this.checkInterval = checkInterval;
        this.deadline = deadline;
        this.maxParallel = maxParallel;
    }

    /** How many machines commission at once: the run commissions the machines in waves of this size, one after the other. */
    public int getMaxParallel() {
        return maxParallel;
    }

    /** The timer's ISO-8601 duration, e.g. {@code PT30S}. */
    public String getCheckInterval() {
        return checkInterval.toString();
    }

    public Duration deadline() {
        return deadline;
    }
}
