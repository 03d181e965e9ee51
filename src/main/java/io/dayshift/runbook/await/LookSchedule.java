package io.dayshift.runbook.await;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * When {@code await-operation} looks at an operation: when it should be done, and often enough that the run goes on soon
 * after it ends, without asking the site more than it must.
 * <ul>
 * <li>Until the operation is <b>expected</b> to be done, every check interval (so a failure is seen as soon as today), and
 * once at the moment it is expected to end. The expectation is what this node has seen: the median of the last
 * {@value #KEPT} operations of the same kind on the same site that ended well (a live migration, a kolla-ansible upgrade,
 * a unit settling: the kind, and the action, step kind or migration kind where the operation has one).</li>
 * <li>Once it is late, or when nothing is expected yet: a look after a twentieth of the time already waited, so the run
 * goes on at most about 5 % later than the operation ended; never sooner than {@code dayshift.waits.min-look} after the
 * last look, never later than the check interval.</li>
 * </ul>
 * A node that restarts has expectations again after one operation of each kind; until then it looks from min-look on.
 */
@Component("lookSchedule")
public class LookSchedule {

    static final int KEPT = 9;
    private static final int LATE_FRACTION = 20;
    private static final int MAX_KINDS = 1_000;
    /** The handle's entries that tell operations of one kind apart: a kolla-ansible action, an upgrade step's kind, live or cold. */
    private static final List<String> SORTS = List.of("action", "kind", "migration");

    private final Duration minLook;
    private final Map<String, Deque<Duration>> seen = new ConcurrentHashMap<>();

    LookSchedule(WaitProperties properties) {
        this.minLook = properties.minLook();
    }

    /** How long after the last look to look again, {@code waited} after the wait began. */
    public Duration next(Operation operation, Duration waited, Duration checkInterval) {
        Duration expected = expected(operation);
        Duration wait;
        if (expected != null && waited.compareTo(expected) < 0) {
            Duration untilExpected = expected.minus(waited);
            wait = untilExpected.compareTo(checkInterval) < 0 ? untilExpected : checkInterval;
        } else {
            wait = waited.dividedBy(LATE_FRACTION);
        }
        return clamp(wait, checkInterval);
    }

    /**
     * The operation ended well: the look {@code waited} after the wait began found it ended, the look before it (or the wait's
     * start) was {@code sinceLastLook} earlier. It ended within that span, near its end when the looks were close; what is
     * kept is the look's time less that span, but less at most a twentieth, so that an expectation met at once shrinks
     * slowly towards the operation's real length instead of halving.
     */
    public void endedWell(Operation operation, Duration waited, Duration sinceLastLook) {
        Duration twentieth = waited.dividedBy(LATE_FRACTION);
        Duration duration = waited.minus(sinceLastLook.compareTo(twentieth) < 0 ? sinceLastLook : twentieth);
        if (seen.size() >= MAX_KINDS && !seen.containsKey(key(operation))) {
            return;
        }
        Deque<Duration> kept = seen.computeIfAbsent(key(operation), k -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addLast(duration.isNegative() ? Duration.ZERO : duration);
            while (kept.size() > KEPT) {
                kept.removeFirst();
            }
        }
    }

    /** The median duration of the operations of this kind on this site seen ending well, or null when none was. */
    Duration expected(Operation operation) {
        Deque<Duration> kept = seen.get(key(operation));
        if (kept == null) {
            return null;
        }
        synchronized (kept) {
            return kept.isEmpty() ? null : kept.stream().sorted().skip(kept.size() / 2).findFirst().orElseThrow();
        }
    }

    private Duration clamp(Duration wait, Duration checkInterval) {
        Duration atLeast = wait.compareTo(minLook) < 0 ? minLook : wait;
        Duration bounded = atLeast.compareTo(checkInterval) > 0 ? checkInterval : atLeast;
        return Duration.ofMillis(Math.max(1, bounded.toMillis()));
    }

    private static String key(Operation operation) {
        return Stream.concat(Stream.of(operation.kind(), operation.site()), SORTS.stream().map(k -> operation.handle().getOrDefault(k, "")))
                .collect(Collectors.joining("|"));
    }
}
