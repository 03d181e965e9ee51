package io.dayshift.platform;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A job starts when it can, not at the job executor's next look. Left to itself, the job executor that finds nothing to do
 * waits before it looks again ({@code camunda.bpm.job-execution.wait-time-in-millis}, growing up to {@code max-wait}),
 * and nothing wakes it for two kinds of jobs that an await makes all the time:
 * <ul>
 * <li><b>a timer that falls due</b> (the next look at an operation): the engine wakes it only for a timer due within the
 * first wait; here every timer this node creates wakes it when the timer falls due;</li>
 * <li><b>a job held back by its run</b>: the jobs of a run and of the processes it called run one at a time
 * ({@code job-executor-acquire-exclusive-over-process-hierarchies}), so a look that falls due while another job of its run
 * runs is skipped by that acquisition; here every job that ends wakes the job executor, which then finds it.</li>
 * </ul>
 * A wake only makes the job executor look now, as the engine's own hint does; which job runs where is still decided by the
 * acquisition. A timer created on another node, or before this node started, is found by the regular looks, which
 * {@code max-wait} keeps a second apart.
 */
@Component
class PromptJobs extends AbstractProcessEnginePlugin implements DisposableBean {

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dayshift-job-wakeups");
        thread.setDaemon(true);
        return thread;
    });
    private volatile JobExecutor jobExecutor;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = new ArrayList<>(configuration.getCustomSessionFactories() == null ? List.of() : configuration.getCustomSessionFactories());
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return JobManager.class;
            }

            @Override
            public Session openSession() {
                return new WakingJobManager(PromptJobs.this);
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        jobExecutor = configuration.getJobExecutor();
        if (jobExecutor != null) {
            check(jobExecutor.getWaitTimeInMillis(), jobExecutor.getMaxWait());
        }
    }

    /** An idle job executor waits wait-time, then longer up to max-wait; with max-wait below wait-time it never waits at all. */
    static void check(long waitTime, long maxWait) {
        if (waitTime < 1 || maxWait < waitTime) {
            throw new IllegalStateException("camunda.bpm.job-execution.max-wait (" + maxWait + " ms) must be at least wait-time-in-millis (" + waitTime
                    + " ms), and both at least 1 ms: otherwise an idle job executor never waits between two looks for due jobs and keeps the"
                    + " database busy. The defaults are 500 and 1000.");
        }
    }

    /** Wakes the job executor when {@code due} comes: at once if it has come. */
    void wakeAt(Date due) {
        long delay = due.getTime() - ClockUtil.getCurrentTime().getTime();
        if (delay <= 0) {
            wake();
        } else {
            clock.schedule(this::wake, delay, TimeUnit.MILLISECONDS);
        }
    }

    void wake() {
        JobExecutor executor = jobExecutor;
        if (executor != null && executor.isActive()) {
            executor.jobWasAdded();
        }
    }

    @Override
    public void destroy() {
        clock.shutdownNow();
    }

    /** The engine's job manager, which also tells {@link PromptJobs} of each timer made and each job ended, once committed. */
    static final class WakingJobManager extends JobManager {

        private final PromptJobs wakeups;

        WakingJobManager(PromptJobs wakeups) {
            this.wakeups = wakeups;
        }

        @Override
        public void schedule(TimerEntity timer) {
            super.schedule(timer);
            Date due = timer.getDuedate();
            afterCommit(() -> wakeups.wakeAt(due));
        }

        @Override
        public void deleteJob(JobEntity job, boolean fireDeleteEvent) {
            super.deleteJob(job, fireDeleteEvent);
            afterCommit(wakeups::wake);
        }

        private static void afterCommit(Runnable wake) {
            Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED, context -> wake.run());
        }
    }

}
