package io.dayshift.adapter.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.compute.ServerSettlement.Migration;
import io.dayshift.compute.ServerSettlement.Phase;
import io.dayshift.compute.ServerSummary;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettlementsTest {

    private static ServerSummary server(String status, String taskState) {
        return new ServerSummary("s1", "vm", "p1", status, Optional.ofNullable(taskState), Optional.of("cn02"));
    }

    private static Optional<Migration> migration(String type, String status) {
        return Optional.of(new Migration("m1", type, status, "cn01", Optional.of("cn02")));
    }

    @Test
    void aServerThatNeverMovedIsSettled() {
        assertThat(Settlements.phase(server("ACTIVE", null), Optional.empty())).isEqualTo(Phase.SETTLED);
    }

    @Test
    void aServerWithATaskIsMoving() {
        assertThat(Settlements.phase(server("ACTIVE", "migrating"), migration("live-migration", "running"))).isEqualTo(Phase.MOVING);
        assertThat(Settlements.phase(server("MIGRATING", null), migration("live-migration", "running"))).isEqualTo(Phase.MOVING);
        assertThat(Settlements.phase(server("REBUILD", "rebuild_spawning"), migration("evacuation", "accepted"))).isEqualTo(Phase.MOVING);
        assertThat(Settlements.phase(server("ACTIVE", null), migration("live-migration", "preparing"))).isEqualTo(Phase.MOVING);
    }

    @Test
    void aColdMigrationWaitsForConfirmation() {
        assertThat(Settlements.phase(server("VERIFY_RESIZE", null), migration("migration", "finished"))).isEqualTo(Phase.AWAITING_CONFIRMATION);
    }

    @Test
    void finishedMovesAreSettled() {
        assertThat(Settlements.phase(server("ACTIVE", null), migration("live-migration", "completed"))).isEqualTo(Phase.SETTLED);
        assertThat(Settlements.phase(server("ACTIVE", null), migration("migration", "confirmed"))).isEqualTo(Phase.SETTLED);
        assertThat(Settlements.phase(server("ACTIVE", null), migration("evacuation", "done"))).isEqualTo(Phase.SETTLED);
        assertThat(Settlements.phase(server("SHUTOFF", null), migration("migration", "reverted"))).isEqualTo(Phase.SETTLED);
    }

    @Test
    void aDoneMoveThatTheServerHasNotFollowedYetIsStillMoving() {
        // Seen on the lab: an evacuation clears the task state before the host changes.
        assertThat(Settlements.phase(server("ACTIVE", null), Optional.of(
                new Migration("m1", "evacuation", "done", "cn01", Optional.of("cn03"))))).isEqualTo(Phase.MOVING);
        assertThat(Settlements.phase(server("ACTIVE", null), migration("evacuation", "pre-migrating"))).isEqualTo(Phase.MOVING);
    }

    @Test
    void failedMovesAndErroredServersFail() {
        assertThat(Settlements.phase(server("ACTIVE", null), migration("live-migration", "error"))).isEqualTo(Phase.FAILED);
        assertThat(Settlements.phase(server("ACTIVE", null), migration("live-migration", "failed"))).isEqualTo(Phase.FAILED);
        assertThat(Settlements.phase(server("ERROR", null), Optional.empty())).isEqualTo(Phase.FAILED);
    }
}
