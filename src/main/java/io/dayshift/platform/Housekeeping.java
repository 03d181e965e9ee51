package io.dayshift.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A node's own housekeeping, every so often, on a thread of its own that lives as long as the service: the first round
 * one period after the start, the next one period after the last ended. A round that fails is logged and the next comes
 * as planned; nothing a round throws stops the rounds.
 */
public abstract class Housekeeping implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Duration every;
    private ScheduledExecutorService thread;

    /**
     * @param name  the thread's name, {@code dayshift-…}
     * @param every the time between the end of a round and the start of the next
     */
    protected Housekeeping(String name, Duration every) {
        this.name = name;
        this.every = every;
    }

    /** One round. */
    protected abstract void round();

    /** How a failed round is logged: a warning, unless the work says otherwise. */
    protected void failed(RuntimeException e) {
        log.warn("{}: a round failed, the next in {} ({}: {})", name, every, e.getClass().getSimpleName(), e.getMessage());
    }

    /** Runs {@code work} once, on the housekeeping thread, after {@code delay} (nothing once the service stops). */
    protected synchronized void soon(Duration delay, Runnable work) {
        if (thread != null) {
            thread.schedule(() -> safely(work), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void safely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread t = new Thread(work, name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> safely(this::round), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }
}
