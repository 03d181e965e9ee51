package io.dayshift.platform;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A node that comes back resumes its runs at once. The job executor locks every job it fetches with its lock owner and
 * a lock time (an hour here); a node that dies leaves its jobs locked, and without this they would wait for the lock
 * to run out. So the job executor's lock owner is this node's stable {@link NodeIdentity} rather than a new random one
 * per start, and at every start, once the engine is built and before its job executor fetches anything, the jobs still
 * locked by this identity are given back (lock owner and lock expiry cleared, revision raised): none of them can still
 * be running, since this node has just started. A node that never comes back keeps its jobs locked until the lock time
 * has passed; then any node takes them, as before. Two running nodes must never share an identity: the second start
 * would give back the first one's running jobs ({@link NodeSightings} warns about it).
 */
@Component
@Profile("!" + OneOffCommand.PROFILE)
class OwnJobLocks extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(OwnJobLocks.class);

    private final NodeIdentity identity;
    private final NodeSightings sightings;

    OwnJobLocks(NodeIdentity identity, NodeSightings sightings) {
        this.identity = identity;
        this.sightings = sightings;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        JobExecutor jobExecutor = configuration.getJobExecutor();
        if (jobExecutor != null) {
            jobExecutor.setLockOwner(identity.id());
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        sightings.arrive();
        release((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration(), identity.id());
    }

    /** Gives back every job locked by {@code owner}; returns how many. */
    static int release(ProcessEngineConfigurationImpl configuration, String owner) {
        int released = release(configuration, owner, Set.of(), null);
        if (released > 0) {
            LOG.info("Node '{}' gave back the locks of {} job(s) it held before it stopped; they run again now", owner, released);
        }
        return released;
    }

    /**
     * Gives back the jobs locked by {@code owner} but for those in {@code inHand}, and, when {@code lockedBefore} is given,
     * only those locked before it; returns how many.
     */
    static int release(ProcessEngineConfigurationImpl configuration, String owner, Set<String> inHand, Instant lockedBefore) {
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        long lockTime = configuration.getJobExecutor() == null ? 0 : configuration.getJobExecutor().getLockTimeInMillis();
        StringBuilder sql = new StringBuilder("UPDATE " + table + " SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1 WHERE LOCK_OWNER_ = ?");
        if (lockedBefore != null) {
            sql.append(" AND LOCK_EXP_TIME_ < ?"); // a lock's expiry is its time plus the lock time
        }
        if (!inHand.isEmpty()) {
            sql.append(" AND ID_ NOT IN (").append(String.join(", ", Collections.nCopies(inHand.size(), "?"))).append(')');
        }
        return configuration.getCommandExecutorTxRequired().execute(context -> {
            try (PreparedStatement update = context.getDbSqlSession().getSqlSession().getConnection().prepareStatement(sql.toString())) {
                int at = 1;
                update.setString(at++, owner);
                if (lockedBefore != null) {
                    update.setTimestamp(at++, Timestamp.from(lockedBefore.plusMillis(lockTime)));
                }
                for (String id : inHand) {
                    update.setString(at++, id);
                }
                return update.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("could not give back the job locks of node '" + owner + "' in " + table, e);
            }
        });
    }
}
