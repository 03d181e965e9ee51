package io.dayshift.lab.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.machine.MachineStatus;
import io.dayshift.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A site's state written and put back on a site loaded anew from its topology is the same site: every change made, every
 * count, every fault, and an operation under way ends when it would have.
 */
class SiteStateTest {

    private final TopologyLoader loader = new TopologyLoader();
    private final MutableClock clock = MutableClock.at("2026-12-07T10:00:00Z");

    @Test
    void aKollaSiteComesBackAsItWasLeftWithItsOperationsUnderWay() {
        // given a kolla site changed in many ways, with a commissioning and a live migration under way
        LabSite site = load("lab/small-kolla.yaml");
        String machine = site.maas().machineByHostname("new01").orElseThrow().systemId();
        site.maas().commission(machine);
        site.nova().disableComputeService("cn03", "PSU swap");
        site.ceph().setCephFlag("noout", true);
        site.kolla().writeFile("/etc/kolla/globals.d/dayshift.yml", "nova_compute_virt_type: kvm\n");
        Instance server = site.nova().instancesOn("cn01").get(0);
        site.nova().liveMigrateServer(server.id(), "cn02");
        site.injectFault(LabFault.of(FaultType.COMMISSIONING_FAILS, "new02"));

        // when its state is put back on the same site loaded anew
        LabSite back = load("lab/small-kolla.yaml");
        back.restore(site.state());

        // then it is the same site, counts and faults included
        assertSameState(back, site);
        assertThat(back.destructiveActionsByTarget()).isEqualTo(site.destructiveActionsByTarget()).isNotEmpty();
        assertThat(back.nova().hypervisors()).filteredOn(h -> h.hostname().equals("cn03")).singleElement().satisfies(h -> assertThat(h.enabled()).isFalse());
        assertThat(back.kolla().file("/etc/kolla/globals.d/dayshift.yml")).map(LabFile::content).contains("nova_compute_virt_type: kvm\n");
        assertThat(back.faults()).hasSize(1);
        // and what was under way ends on time, in the site put back as in the original
        clock.advance(Duration.ofMinutes(10));
        assertThat(back.maas().machine(machine).orElseThrow().status()).isEqualTo(MachineStatus.READY);
        assertThat(back.nova().instance(server.id()).orElseThrow().host()).isEqualTo("cn02");
        assertSameState(back, site);
    }

    @Test
    void aCharmedSiteComesBackWithItsUnitsMachinesAndActions() {
        // given a charmed site with a unit added and an action run
        LabSite site = load("lab/small-charmed.yaml");
        JujuUnit unit = site.juju().units().stream().filter(u -> u.name().startsWith("nova-compute/")).findFirst().orElseThrow();
        site.juju().runAction(unit.name(), "disable", Map.of());
        site.juju().addUnit("nova-compute", site.juju().jujuMachines().get(site.juju().jujuMachines().size() - 1).id());

        // when its state is put back on the same site loaded anew
        LabSite back = load("lab/small-charmed.yaml");
        back.restore(site.state());

        // then units, machines and counts are as they were, and units added later keep Juju's numbering
        assertSameState(back, site);
        assertThat(back.juju().units()).isEqualTo(site.juju().units());
        assertThat(back.juju().jujuMachines()).isEqualTo(site.juju().jujuMachines());
        clock.advance(Duration.ofMinutes(10));
        String machineId = back.juju().jujuMachines().get(0).id();
        assertThat(back.juju().addUnit("nova-compute", machineId).name()).isEqualTo(site.juju().addUnit("nova-compute", machineId).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lab/small-kolla.yaml", "lab/small-charmed.yaml", "lab/large.yaml"})
    void anUntouchedSiteWritesWhatItReads(String topology) {
        LabSite site = load(topology);
        LabSite back = load(topology);
        back.restore(site.state());
        assertSameState(back, site);
    }

    /** Field by field, so that a difference names the field. */
    private static void assertSameState(LabSite back, LabSite site) {
        JsonNode expected = json(site.state());
        JsonNode actual = json(back.state());
        expected.fieldNames().forEachRemaining(field -> assertThat(actual.get(field)).as(field).isEqualTo(expected.get(field)));
        assertThat(actual.size()).isEqualTo(expected.size());
    }

    private static JsonNode json(String state) {
        try {
            return new ObjectMapper().readTree(state);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private LabSite load(String topology) {
        return loader.load("lab", loader.readResource(topology), clock, LabTimings.scaled(1.0));
    }
}
