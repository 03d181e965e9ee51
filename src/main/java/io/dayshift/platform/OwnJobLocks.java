package io.dayshift.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        int released = configuration.getCommandExecutorTxRequired().execute(context ->
                release(context.getDbSqlSession().getSqlSession().getConnection(), table, owner));
        if (released > 0) {
            LOG.info("Node '{}' gave back the locks of {} job(s) it held before it stopped; they run again now", owner, released);
        }
        return released;
    }

    private static int release(Connection connection, String table, String owner) {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1 WHERE LOCK_OWNER_ = ?")) {
            update.setString(1, owner);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not give back the job locks of node '" + owner + "' in " + table, e);
        }
    }
}
