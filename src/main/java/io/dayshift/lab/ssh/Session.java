package io.dayshift.lab.ssh;

import io.dayshift.lab.model.LabSite;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One command's surroundings: the site, the node the SSH session is on ({@code ""} for the jump host of a charmed
 * site), standard input (read only by commands that take it), and how simulated time is waited for in the foreground.
 */
public record Session(LabSite site, String node, Supplier<String> stdin, Sleeper sleeper) {

    /** Waits out the duration of a command that a real CLI would block on; time factor 0 makes it return at once. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = d -> {
            if (!d.isZero() && !d.isNegative()) {
                Thread.sleep(d.toMillis());
            }
        };
    }
}
