package io.dayshift.runbook.drain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrainPlannerTest {

    private static final Resources SMALL = new Resources(2, 4096, 40);
    private static final Resources LARGE = new Resources(8, 32768, 160);
    /** 32 physical cores at 4:1, 256 GiB at 1.0, 2 TB disk. */
    private static final Resources HOST = new Resources(128, 262144, 2000);

    @Test
    void spreadsInstancesOverTheHostsWithTheMostFreeMemory() {
        DrainPlan plan = DrainPlanner.plan("cn01",
                List.of(instance("a", LARGE), instance("b", SMALL), instance("c", SMALL)),
                // free RAM: cn02 142144 MiB, cn03 162144 MiB
                List.of(host("cn02", "az1", new Resources(10, 120_000, 100)), host("cn03", "az1", new Resources(10, 100_000, 100))),
                0);

        assertThat(plan.feasible()).isTrue();
        // the large one first, to the emptiest host (cn03 keeps 129376 MiB); then the small ones where most memory is left
        assertThat(plan.moves()).containsEntry("a", "cn03").containsEntry("b", "cn02").containsEntry("c", "cn02");
        assertThat(plan.freeAfter().ramMb()).isEqualTo(142_144 + 162_144 - 32_768 - 2 * 4_096);
        assertThat(plan.problems()).isEmpty();
    }

    @Test
    void anInstanceBootedIntoAZoneStaysInIt() {
        DrainPlan plan = DrainPlanner.plan("cn01",
                List.of(new Instance("a", "web-1", LARGE, Optional.of("az1"), Optional.empty())),
                List.of(host("cn02", "az1", new Resources(100, 240_000, 1000)), host("cn04", "az2", Resources.NONE)),
                0);

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.unplaceable()).containsOnlyKeys("web-1 (a)");
        assertThat(plan.problems().get(0)).contains("in availability zone az1").contains("8 vCPU, 32768 MiB RAM");
    }

    @Test
    void antiAffinityMembersNeverShareAHost() {
        ServerGroup spread = new ServerGroup("g1", "db-spread", ServerGroup.Policy.ANTI_AFFINITY);
        DrainPlan plan = DrainPlanner.plan("cn01",
                List.of(new Instance("db1", "db-1", SMALL, Optional.empty(), Optional.of(spread))),
                List.of(host("cn02", "az1", Resources.NONE, "g1"), host("cn03", "az1", new Resources(64, 200_000, 1000))),
                0);

        // cn02 is emptier but already holds a member of the group
        assertThat(plan.moves()).containsEntry("db1", "cn03");
    }

    @Test
    void whenEveryHostWithRoomHoldsAMemberTheDrainStops() {
        ServerGroup spread = new ServerGroup("g1", "db-spread", ServerGroup.Policy.ANTI_AFFINITY);
        DrainPlan plan = DrainPlanner.plan("cn01",
                List.of(new Instance("db1", "db-1", SMALL, Optional.empty(), Optional.of(spread))),
                List.of(host("cn02", "az1", Resources.NONE, "g1"), host("cn03", "az1", HOST)),
                0);

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.problems().get(0)).contains("anti-affinity group db-spread");
    }

    @Test
    void affinityMembersMoveTogether() {
        ServerGroup together = new ServerGroup("g2", "cache-pair", ServerGroup.Policy.AFFINITY);
        DrainPlan plan = DrainPlanner.plan("cn01",
                List.of(new Instance("c1", "cache-1", SMALL, Optional.empty(), Optional.of(together)),
                        new Instance("c2", "cache-2", SMALL, Optional.empty(), Optional.of(together)),
                        instance("big", LARGE)),
                List.of(host("cn02", "az1", new Resources(20, 100_000, 500)), host("cn03", "az1", new Resources(20, 110_000, 500))),
                0);

        assertThat(plan.feasible()).isTrue();
        assertThat(plan.moves().get("c1")).isEqualTo(plan.moves().get("c2"));
    }

    @Test
    void theReserveMustStayFreeAfterTheMoves() {
        // two hosts of 256 GiB; 200 GiB already used on each; the drained host's 40 GiB fits, but N+1 does not
        Resources used = new Resources(40, 200_000, 400);
        List<Host> others = List.of(host("cn02", "az1", used), host("cn03", "az1", used));
        List<Instance> instances = List.of(instance("a", LARGE), instance("b", SMALL));

        assertThat(DrainPlanner.plan("cn01", instances, others, 0).feasible()).isTrue();
        DrainPlan withReserve = DrainPlanner.plan("cn01", instances, others, 1);
        assertThat(withReserve.feasible()).isFalse();
        assertThat(withReserve.reserve()).isEqualTo(HOST);
        assertThat(withReserve.problems()).singleElement().asString().contains("less than the reserve of 128 vCPU, 262144 MiB RAM");
    }

    @Test
    void theDrainedHostIsNeverATarget() {
        DrainPlan plan = DrainPlanner.plan("cn01", List.of(instance("a", SMALL)),
                List.of(host("cn01", "az1", Resources.NONE), host("cn02", "az1", new Resources(120, 250_000, 1900))), 0);
        assertThat(plan.feasible()).isTrue();
        assertThat(plan.moves()).containsEntry("a", "cn02");
    }

    @Test
    void anEmptyHostNeedsNoMovesAndNoRoom() {
        DrainPlan plan = DrainPlanner.plan("cn01", List.of(), List.of(host("cn02", "az1", HOST)), 0);
        assertThat(plan.feasible()).isTrue();
        assertThat(plan.moves()).isEmpty();
    }

    @Test
    void theSameCloudGivesTheSamePlan() {
        List<Instance> instances = List.of(instance("a", SMALL), instance("b", SMALL), instance("c", SMALL), instance("d", LARGE));
        List<Host> hosts = List.of(host("cn02", "az1", new Resources(0, 100_000, 0)), host("cn03", "az1", new Resources(0, 100_000, 0)));
        assertThat(DrainPlanner.plan("cn01", instances, hosts, 0)).isEqualTo(DrainPlanner.plan("cn01", instances, hosts, 0));
    }

    private static Instance instance(String id, Resources flavor) {
        return new Instance(id, "vm-" + id, flavor, Optional.empty(), Optional.empty());
    }

    private static Host host(String name, String zone, Resources used, String... groups) {
        return new Host(name, zone, HOST, used, Set.of(groups));
    }
}
