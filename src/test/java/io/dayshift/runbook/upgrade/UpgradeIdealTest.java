package io.dayshift.runbook.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.lab.model.LabOperation;
import io.dayshift.lab.model.LabPace;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.runbook.drain.DrainInstance;
import io.dayshift.runbook.drain.DrainInstances;
import io.dayshift.runbook.drain.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ideal critical path of a tiny Kolla plan whose every duration is known. */
class UpgradeIdealTest {

    private static final LabTimings TIMINGS = new LabTimings(1, LabPace.DEMO, Map.of(
            LabOperation.KOLLA_MARIADB_BACKUP, Duration.ofSeconds(5), LabOperation.KOLLA_PULL, Duration.ofSeconds(7),
            LabOperation.KOLLA_PRECHECKS, Duration.ofSeconds(3), LabOperation.KOLLA_UPGRADE_CONTROL_PLANE, Duration.ofSeconds(100),
            LabOperation.KOLLA_UPGRADE, Duration.ofSeconds(50), LabOperation.LIVE_MIGRATION, Duration.ofSeconds(10),
            LabOperation.COLD_MIGRATION, Duration.ofSeconds(30), LabOperation.SERVER_BUILD, Duration.ofSeconds(2)));

    private static UpgradeStep run(String key, String action, List<String> limit) {
        return new UpgradeStep(key, StepKind.KOLLA_RUN, "kolla-ansible " + action + " " + limit, limit, action, false);
    }

    private static UpgradePlan plan(String flavour) {
        return new UpgradePlan("lab", flavour, "2023.2", "2024.1",
                List.of(new UpgradeStep("prepare-1", StepKind.KOLLA_SET_RELEASE, "openstack_release", List.of(), "2024.1", false),
                        run("prepare-2", "pull", List.of()), run("prepare-3", "prechecks", List.of())),
                List.of(run("control-1", "upgrade", List.of("control", "loadbalancer")), run("control-2", "upgrade", List.of("network"))),
                List.of(new HostBatch(1, "az1", List.of("cn1"), true, run("batch-1", "upgrade", List.of("cn1"))),
                        new HostBatch(2, "az1", List.of("cn2", "cn3"), false, run("batch-2", "upgrade", List.of("cn2", "cn3")))),
                List.of(), List.of(), List.of(), List.of(), "upgrade", "upgraded", Map.of());
    }

    private static DrainInstance instance(String id, String status, long ramMb) {
        return new DrainInstance(id, id, "p", status, "f", new Resources(1, ramMb, 10), "az1", "", "", "", Map.of());
    }

    private static final Map<String, DrainInstances> FOUND = Map.of(
            // largest first, two at a time: [a live, c live] 10 s, then [b cold] 30 s
            "cn1", new DrainInstances(List.of(instance("a", "ACTIVE", 8192), instance("b", "SHUTOFF", 2048), instance("c", "ACTIVE", 4096))),
            // an instance in ERROR stays where it is: no time
            "cn2", new DrainInstances(List.of(instance("x", "ERROR", 8192))),
            // [d cold, e live] together: as long as the cold one
            "cn3", new DrainInstances(List.of(instance("d", "SHUTOFF", 8192), instance("e", "ACTIVE", 2048))));

    @Test
    void eachStepStartsWhenTheOneBeforeEndedAndTheMovesOfARoundTogether() {
        UpgradeIdeal ideal = UpgradeIdeal.of(plan(UpgradePlan.KOLLA), TIMINGS, FOUND, 2);

        assertThat(ideal.phases()).extracting(UpgradeIdeal.Phase::duration).containsExactly(
                Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(7), Duration.ofSeconds(3), // backup, release, pull, prechecks
                Duration.ofSeconds(100), Duration.ofSeconds(50), // control plane (database migrations), network
                Duration.ofSeconds(40), Duration.ofSeconds(50), // batch 1: drain cn1, upgrade
                Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(50), // batch 2: drain cn2, drain cn3, upgrade
                Duration.ofSeconds(2)); // smoke instance
        assertThat(ideal.total()).isEqualTo(Duration.ofSeconds(337));
        assertThat(ideal.sum("drain ")).isEqualTo(Duration.ofSeconds(70));
        assertThat(ideal.work()).containsEntry(LabOperation.LIVE_MIGRATION, Duration.ofSeconds(30))
                .containsEntry(LabOperation.COLD_MIGRATION, Duration.ofSeconds(60)).containsEntry(LabOperation.KOLLA_UPGRADE, Duration.ofSeconds(150))
                .containsEntry(LabOperation.KOLLA_UPGRADE_CONTROL_PLANE, Duration.ofSeconds(100));
        assertThat(ideal.moves()).isEqualTo(Map.of(LabOperation.LIVE_MIGRATION, 3L, LabOperation.COLD_MIGRATION, 2L));
    }

    @Test
    void oneInstanceAtATimeEveryMoveIsOnThePath() {
        UpgradeIdeal ideal = UpgradeIdeal.of(plan(UpgradePlan.KOLLA), TIMINGS, FOUND, 1);

        assertThat(ideal.sum("drain ")).isEqualTo(Duration.ofSeconds(3 * 10 + 2 * 30));
    }

    @Test
    void aCharmedPlanIsRefusedInWords() {
        assertThatThrownBy(() -> UpgradeIdeal.of(plan(UpgradePlan.CHARMED), TIMINGS, FOUND, 2)).hasMessageContaining("Kolla plans only");
    }
}
