package io.dayshift.runbook.await;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dayshift.waits.*}: how {@code await-operation} schedules its looks ({@link LookSchedule}).
 *
 * @param minLook the shortest time between two looks at one operation (and the first look at a kind of operation this node
 *                has not yet seen end)
 */
@ConfigurationProperties("dayshift.waits")
public record WaitProperties(@DefaultValue("PT1S") Duration minLook) {

    public WaitProperties {
        if (minLook == null || minLook.isNegative() || minLook.toMillis() < 1) {
            throw new IllegalArgumentException("dayshift.waits.min-look must be a duration of at least one millisecond, such as PT1S; not " + minLook);
        }
    }
}
