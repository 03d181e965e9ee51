package io.dayshift.runbook.await;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookScheduleTest {

    private static final Duration CHECK = Duration.ofSeconds(30);
    private final LookSchedule schedule = new LookSchedule(new WaitProperties(Duration.ofSeconds(1)));
    private final Operation migration = operation("instance-migration", "lab", Map.of("migration", "live"));

    @Test
    void withNothingSeenItLooksFromMinLookOnGrowingWithTheWaitUpToTheCheckInterval() {
        assertThat(schedule.next(migration, Duration.ZERO, CHECK)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.next(migration, Duration.ofSeconds(10), CHECK)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.next(migration, Duration.ofSeconds(100), CHECK)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.next(migration, Duration.ofHours(1), CHECK)).isEqualTo(CHECK);
    }

    @Test
    void onceSeenItLooksWhenTheOperationShouldBeDoneButNeverLaterThanTheCheckInterval() {
        schedule.endedWell(migration, Duration.ofSeconds(60), Duration.ofSeconds(1));
        assertThat(schedule.expected(migration)).isEqualTo(Duration.ofSeconds(59));
        assertThat(schedule.next(migration, Duration.ZERO, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(59));
        assertThat(schedule.next(migration, Duration.ZERO, CHECK)).isEqualTo(CHECK);
        assertThat(schedule.next(migration, Duration.ofSeconds(30), CHECK)).isEqualTo(Duration.ofSeconds(29));
        // late: a twentieth of the wait
        assertThat(schedule.next(migration, Duration.ofSeconds(80), CHECK)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void anExpectationMetAtOnceShrinksSlowlyAndTheMedianIgnoresAnOutlier() {
        schedule.endedWell(migration, Duration.ofSeconds(100), Duration.ofSeconds(100));
        assertThat(schedule.expected(migration)).isEqualTo(Duration.ofSeconds(95));
        schedule.endedWell(migration, Duration.ofSeconds(95), Duration.ofSeconds(95));
        schedule.endedWell(migration, Duration.ofHours(2), Duration.ofSeconds(30));
        assertThat(schedule.expected(migration)).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(95));
    }

    @Test
    void kindsSitesAndActionsAreLearnedApart() {
        schedule.endedWell(migration, Duration.ofSeconds(60), Duration.ofSeconds(1));
        assertThat(schedule.expected(operation("instance-migration", "lab", Map.of("migration", "cold")))).isNull();
        assertThat(schedule.expected(operation("instance-migration", "lab-charmed", Map.of("migration", "live")))).isNull();
        assertThat(schedule.expected(operation("kolla-run", "lab", Map.of("action", "UPGRADE")))).isNull();
    }

    @Test
    void minLookIsValidated() {
        assertThatThrownBy(() -> new WaitProperties(Duration.ZERO)).hasMessageContaining("dayshift.waits.min-look")
                .hasMessageContaining("at least one millisecond");
    }

    private static Operation operation(String kind, String site, Map<String, String> handle) {
        return new Operation(kind, site, "x", kind, handle);
    }
}
