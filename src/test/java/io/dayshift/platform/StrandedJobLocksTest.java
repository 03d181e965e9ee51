package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.testing.ServiceTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A running node gives back the locks of jobs whose execution ended without the database hearing of it (a database
 * outage leaves them so), and only those: never a job it has in hand, never one it locked a moment ago (its threads may
 * not have it yet), never another node's.
 */
@ServiceTest
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=false")
class StrandedJobLocksTest {

    private static final String PROCESS = "alert-test-incident"; // its start is asynchronous: each run waits as one job

    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NodeIdentity identity;
    @Autowired
    RunningJobs running;
    @Autowired
    StrandedJobLocks stranded;

    @Test
    void onlyAJobThisNodeLockedAMinuteAgoAndDoesNotHaveInHandIsGivenBack() {
        // given four waiting runs: one job this node locked two minutes ago whose execution died with the database, one it
        // locked as long ago and still has in hand, one it locked ten seconds ago, one another node locked two minutes ago
        String me = identity.id();
        String strandedJob = lockedJob(me, Duration.ofMinutes(2));
        String inHand = lockedJob(me, Duration.ofMinutes(2));
        String justLocked = lockedJob(me, Duration.ofSeconds(10));
        String othersJob = lockedJob("ops-elsewhere", Duration.ofMinutes(2));
        Runnable batch = running.decorate(new ExecuteJobsRunnable(List.of(inHand), (ProcessEngineImpl) engine));
        assertThat(running.inHand()).containsExactly(inHand);

        // when the node looks for stranded locks
        int released = stranded.giveBack();

        // then only the stranded job is free to run again
        assertThat(released).isEqualTo(1);
        assertThat(lockOwner(strandedJob)).isNull();
        assertThat(lockOwner(inHand)).isEqualTo(me);
        assertThat(lockOwner(justLocked)).isEqualTo(me);
        assertThat(lockOwner(othersJob)).isEqualTo("ops-elsewhere");

        // and once the batch in hand has been worked off, its job is no longer in hand
        batch.run();
        assertThat(running.inHand()).isEmpty();
    }

    /** A run's job, locked by {@code owner} {@code ago}, as a job executor with the configured lock time leaves it. */
    private String lockedJob(String owner, Duration ago) {
        String run = runtime.startProcessInstanceByKey(PROCESS).getId();
        Job job = management.createJobQuery().processInstanceId(run).singleResult();
        long lockTime = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getJobExecutor().getLockTimeInMillis();
        Instant expiry = Instant.now().minus(ago).plusMillis(lockTime);
        jdbc.update("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ? WHERE ID_ = ?", owner, Timestamp.from(expiry), job.getId());
        return job.getId();
    }

    private String lockOwner(String job) {
        return jdbc.queryForObject("SELECT LOCK_OWNER_ FROM ACT_RU_JOB WHERE ID_ = ?", String.class, job);
    }
}
