package io.dayshift.lease;

import io.dayshift.platform.Housekeeping;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Never a leaked lease, never a forgotten wait: every minute, each node releases the leases whose run no longer exists (a
 * run deleted from the database by hand, a node that died while cancelling), and says so in the log; leases of runs that
 * exist are left alone, however long they have been held. Then it wakes the runs waiting for leases that are free now
 * ({@link LeaseWaits}); a run that releases its leases asks for that at once ({@link #wakeSoon()}).
 */
@Component
class LeaseSweeper extends Housekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseSweeper.class);

    private final LeaseStore store;
    private final LeaseWaits waits;
    private final ObjectProvider<ProcessEngine> engine;

    LeaseSweeper(LeaseStore store, LeaseWaits waits, ObjectProvider<ProcessEngine> engine) {
        super("dayshift-lease-sweeper", Duration.ofMinutes(1));
        this.store = store;
        this.waits = waits;
        this.engine = engine;
    }

    /** Wakes the runs waiting for leases that are free now, on the sweeper's thread, soon (after the caller's commit). */
    void wakeSoon() {
        soon(Duration.ofSeconds(1), this::wake);
    }

    private void wake() {
        try {
            waits.wake();
        } catch (RuntimeException e) {
            LOG.warn("Could not wake the runs waiting for leases; trying again in a minute", e);
        }
    }

    /** Releases the leases of runs that no longer exist; how many. */
    int sweep() {
        return store.releaseLeasesOfGoneRuns(run -> engine.getObject().getRuntimeService().createProcessInstanceQuery().processInstanceId(run).count() > 0);
    }

    @Override
    protected void round() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("Could not look for leases of runs that no longer exist; trying again in a minute", e);
        }
        wake();
    }
}
