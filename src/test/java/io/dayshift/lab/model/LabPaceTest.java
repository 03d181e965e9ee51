package io.dayshift.lab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.lab.LabProperties;
import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two sets of durations, and the record of what a site did in simulated time. */
class LabPaceTest {

    private final TopologyLoader loader = new TopologyLoader();

    @Test
    void theRealisticPaceTakesARealSitesDurationsTimesTheFactorAndASettingStillOverridesOne() {
        LabTimings timings = new LabTimings(0.01, LabPace.REALISTIC, Map.of(LabOperation.COLD_MIGRATION, Duration.ofMinutes(5)));

        assertThat(timings.of(LabOperation.LIVE_MIGRATION)).isEqualTo(Duration.ofMillis(600));
        assertThat(timings.of(LabOperation.KOLLA_UPGRADE)).isEqualTo(Duration.ofSeconds(9));
        assertThat(timings.of(LabOperation.MACHINE_DEPLOY)).isEqualTo(Duration.ofSeconds(6));
        assertThat(timings.of(LabOperation.COLD_MIGRATION)).isEqualTo(Duration.ofSeconds(3));
        assertThat(LabTimings.scaled(1).of(LabOperation.LIVE_MIGRATION)).as("demo, the default").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownPaceIsRefusedNamingTheSettingAndWhatItTakes() {
        assertThatThrownBy(() -> LabPace.ofSetting("fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dayshift.lab.pace").hasMessageContaining("'demo'").hasMessageContaining("'realistic'").hasMessageContaining("'fast'");
        assertThatThrownBy(() -> new LabProperties(true, Path.of("x"), 1, Map.of(), "u", "o", "m", Map.of(), null, false, "quick"))
                .hasMessageContaining("dayshift.lab.pace");
        assertThat(new LabProperties(true, Path.of("x"), 1, Map.of(), "u", "o", "m", Map.of(), null, false, " Realistic").labPace())
                .isEqualTo(LabPace.REALISTIC);
    }

    @Test
    void aControlPlaneUpgradeIsAnOperationOfItsOwnAndACommandOfComputesIsNot() {
        assertThat(LabOperation.ofKollaAction("upgrade", List.of("control", "loadbalancer"))).isEqualTo(LabOperation.KOLLA_UPGRADE_CONTROL_PLANE);
        assertThat(LabOperation.ofKollaAction("upgrade", List.of())).isEqualTo(LabOperation.KOLLA_UPGRADE_CONTROL_PLANE);
        assertThat(LabOperation.ofKollaAction("upgrade", List.of("network"))).isEqualTo(LabOperation.KOLLA_UPGRADE);
        assertThat(LabOperation.ofKollaAction("upgrade", List.of("cn01", "cn02"))).isEqualTo(LabOperation.KOLLA_UPGRADE);
        assertThat(LabOperation.ofKollaAction("mariadb_backup", List.of())).isEqualTo(LabOperation.KOLLA_MARIADB_BACKUP);
    }

    @Test
    void theSiteRecordsEachOperationWithItsTargetSimulatedStartAndDuration() {
        MutableClock clock = MutableClock.at("2025-05-06T07:00:00Z");
        LabSite site = loader.load("lab", loader.readResource("lab/small-kolla.yaml"), clock, new LabTimings(1, LabPace.REALISTIC, Map.of()));
        Instance web = site.nova().instances().stream().filter(i -> i.name().equals("app-03")).findFirst().orElseThrow();

        site.nova().startLiveMigration(web.id(), "cn03");
        clock.advance(Duration.ofMinutes(2));
        site.kolla().startPlaybook("upgrade", List.of("cn01", "cn02"), false);

        assertThat(site.operations()).containsExactly(
                new SimulatedOperation(LabOperation.LIVE_MIGRATION, web.id(), Instant.parse("2025-05-06T07:00:00Z"), Duration.ofMinutes(1)),
                new SimulatedOperation(LabOperation.KOLLA_UPGRADE, "cn01,cn02", Instant.parse("2025-05-06T07:02:00Z"), Duration.ofMinutes(15)));
    }
}
