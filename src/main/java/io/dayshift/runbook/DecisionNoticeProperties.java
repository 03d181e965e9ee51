package io.dayshift.runbook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dayshift.notify.*}: the notices that a decision waits (where they go is per site, {@code dayshift.sites.<site>.notify}).
 *
 * @param remindAfter how long an approval or an operator's question may wait before its one reminder goes out
 */
@ConfigurationProperties("dayshift.notify")
public record DecisionNoticeProperties(@DefaultValue("PT1H") Duration remindAfter) {

    public DecisionNoticeProperties {
        if (remindAfter == null || remindAfter.isZero() || remindAfter.isNegative()) {
            throw new IllegalArgumentException("dayshift.notify.remind-after must be a positive duration, not " + remindAfter);
        }
    }

    /** How often each node looks for decisions due a reminder: a quarter of remind-after, between 1 second and 1 minute. */
    Duration checkInterval() {
        Duration quarter = remindAfter.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : quarter.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : quarter;
    }
}
