package io.dayshift.platform;

import java.util.List;

/**
 * What an adapter contributes, as a bean, to the start-up check that no call it makes outlasts a job's lock
 * ({@link JobLockGuard}): its blocking calls' longest durations.
 */
@FunctionalInterface
public interface BlockingTimeouts {

    List<BlockingTimeout> blockingTimeouts();
}
