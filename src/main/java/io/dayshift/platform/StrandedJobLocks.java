package io.dayshift.platform;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A running node gives back the job locks nobody works under, every {@link #EVERY}. A job whose execution ended without
 * the database hearing of it — the database went away while the job ran, so its transaction failed and so did the
 * engine's failure handling, which would have given the lock back — stays locked by this node, with nothing in Cockpit
 * to say why, until its lock time has passed (an hour). This node knows the jobs it has in hand ({@link RunningJobs}):
 * any other job it has locked for more than {@link #SETTLED} is stranded, and is given back, so that the step runs
 * again (its steps look before they act) within a minute of the database's return instead of an hour. A job locked in
 * the last minute is left alone: the job executor may not have handed it to its threads yet.
 */
@Component
@Profile("!" + OneOffCommand.PROFILE)
class StrandedJobLocks extends Housekeeping {

    static final Duration EVERY = Duration.ofSeconds(30);
    static final Duration SETTLED = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(StrandedJobLocks.class);

    private final ObjectProvider<ProcessEngine> engine;
    private final NodeIdentity identity;
    private final RunningJobs running;

    StrandedJobLocks(ObjectProvider<ProcessEngine> engine, NodeIdentity identity, RunningJobs running) {
        super("dayshift-stranded-job-locks", EVERY);
        this.engine = engine;
        this.identity = identity;
        this.running = running;
    }

    @Override
    protected void round() {
        giveBack();
    }

    /** Gives back this node's locks on jobs it does not have in hand, locked more than a minute ago; how many. */
    int giveBack() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getObject().getProcessEngineConfiguration();
        Instant settled = ClockUtil.getCurrentTime().toInstant().minus(SETTLED);
        int released = OwnJobLocks.release(configuration, identity.id(), running.inHand(), settled);
        if (released > 0) {
            LOG.warn("Node '{}' gave back the locks of {} job(s) whose execution ended without the database hearing of it "
                    + "(it was away); they run again now", identity.id(), released);
        }
        return released;
    }

    /** While the database is away every round fails; that is said once it is back, by the locks given back. */
    @Override
    protected void failed(RuntimeException e) {
        LOG.debug("giving back stranded job locks failed, trying again in {} ({}: {})", EVERY, e.getClass().getSimpleName(), e.getMessage());
    }
}
