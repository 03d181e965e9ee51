package io.dayshift.platform;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when a blocking call of an adapter could outlast a job's lock. A job whose lock runs out while its
 * step is still in a call is acquired again by another job-executor thread, which runs the same step a second time,
 * concurrently (a second deploy on a production cloud). So every SSH or HTTP timeout an adapter declares
 * ({@link BlockingTimeouts}) must be shorter than {@code camunda.bpm.job-execution.lock-time-in-millis} by at least
 * {@link #MARGIN}, which covers the connect time and the few short calls a step makes around its longest one. Work longer
 * than that is never a blocking call: it is started detached and checked by later jobs.
 */
@Component
class JobLockGuard {

    /** What a step needs besides its longest call: connecting, a version check, reading a file, writing its variables. */
    static final Duration MARGIN = Duration.ofMinutes(5);
    static final String LOCK_SETTING = "camunda.bpm.job-execution.lock-time-in-millis";
    /** Camunda's own default when the setting is absent ({@code JobExecutor.lockTimeInMillis}). */
    static final Duration CAMUNDA_DEFAULT_LOCK = Duration.ofMinutes(5);

    JobLockGuard(CamundaBpmProperties camunda, ObjectProvider<BlockingTimeouts> adapters) {
        Integer millis = camunda.getJobExecution().getLockTimeInMillis();
        check(millis == null ? CAMUNDA_DEFAULT_LOCK : Duration.ofMillis(millis),
                adapters.orderedStream().flatMap(a -> a.blockingTimeouts().stream()).toList());
    }

    /**
     * Throws when any call's longest duration plus {@link #MARGIN} reaches {@code lock}; the message names the lock setting
     * and every call that does not fit, longest first.
     */
    static void check(Duration lock, List<BlockingTimeout> calls) {
        List<BlockingTimeout> tooLong = calls.stream()
                .filter(c -> c.longest().plus(MARGIN).compareTo(lock) >= 0)
                .sorted(Comparator.comparing(BlockingTimeout::longest).reversed())
                .toList();
        if (tooLong.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(LOCK_SETTING + " (" + lock.toMillis() + " ms = " + human(lock)
                + ") must be longer than every blocking adapter call by at least " + human(MARGIN)
                + ", or a job still in that call is taken over by another thread and its step runs twice:");
        for (BlockingTimeout call : tooLong) {
            message.append("\n  ").append(call.setting()).append(" allows ").append(human(call.longest()));
        }
        message.append("\nLower ").append(tooLong.size() == 1 ? "that setting" : "those settings").append(" below ")
                .append(human(lock.minus(MARGIN))).append(", or raise ").append(LOCK_SETTING).append(" (DAYSHIFT_JOBS_LOCK_MILLIS) above ")
                .append(tooLong.get(0).longest().plus(MARGIN).toMillis()).append(" ms.");
        throw new JobLockTooShortException(message.toString());
    }

    static String human(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
