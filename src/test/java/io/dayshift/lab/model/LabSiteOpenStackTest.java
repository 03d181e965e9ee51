package io.dayshift.lab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model operations behind the lab's OpenStack APIs, on a clock that moves only when the test says so. */
class LabSiteOpenStackTest {

    private final TopologyLoader loader = new TopologyLoader();
    private MutableClock clock;
    private LabSite site;
    private String small;
    private String image;
    private String privateNet;

    @BeforeEach
    void load() {
        clock = MutableClock.at("2025-05-06T07:00:00Z");
        site = loader.load("lab", loader.readResource("lab/small-kolla.yaml"), clock, LabTimings.scaled(1.0));
        small = site.nova().flavors().stream().filter(f -> f.name().equals("m1.small")).findFirst().orElseThrow().id();
        image = site.nova().images().get(0).id();
        privateNet = site.neutron().networks().stream().filter(n -> n.name().equals("private")).findFirst().orElseThrow().id();
    }

    private Instance boot(String host) {
        return site.nova().bootServer("probe", site.keystone().adminProjectId(), small, image, host, "", "", privateNet);
    }

    @Test
    void aBootedServerBuildsForItsSimulatedTimeThenIsActiveWithABoundPort() {
        Instance booted = boot("cn03");

        assertThat(booted.status()).isEqualTo(InstanceStatus.BUILD);
        assertThat(booted.zone()).isEqualTo("az1");
        clock.advance(Duration.ofSeconds(2));
        assertThat(site.nova().instance(booted.id()).orElseThrow().status()).isEqualTo(InstanceStatus.BUILD);
        clock.advance(Duration.ofSeconds(1));
        assertThat(site.nova().instance(booted.id()).orElseThrow().status()).isEqualTo(InstanceStatus.ACTIVE);
        assertThat(site.neutron().ports()).filteredOn(p -> p.deviceId().equals(booted.id())).singleElement()
                .satisfies(p -> assertThat(p.deviceOwner()).isEqualTo("compute:az1"));
        assertThat(site.destructiveActions()).containsEntry("boot-server", 1L);

        site.nova().deleteServer(booted.id());

        assertThat(site.nova().instance(booted.id())).isEmpty();
        assertThat(site.neutron().ports()).noneMatch(p -> p.deviceId().equals(booted.id()));
    }

    @Test
    void aServerNoHostCanTakeEndsInErrorWithNovasFault() {
        site.nova().disableComputeService("cn03", "maintenance");

        Instance booted = boot("cn03");

        assertThat(booted.status()).isEqualTo(InstanceStatus.ERROR);
        assertThat(booted.fault()).isEqualTo("No valid host was found. There are not enough hosts available.");
        assertThat(booted.host()).isEmpty();
        assertThatThrownBy(() -> boot("cn99")).isInstanceOfSatisfying(LabException.class,
                e -> assertThat(e.kind()).isEqualTo(LabException.Kind.BAD_REQUEST)).hasMessage("Compute host cn99 could not be found.");
    }

    @Test
    void aLiveMigrationTheSchedulerRefusesLeavesAnErrorRecord() {
        Instance booted = boot("cn03");
        clock.advance(Duration.ofSeconds(3));

        assertThatThrownBy(() -> site.nova().liveMigrateServer(booted.id(), "cn03"))
                .isInstanceOfSatisfying(LabException.class, e -> assertThat(e.kind()).isEqualTo(LabException.Kind.BAD_REQUEST))
                .hasMessage("No valid host was found. There are not enough hosts available.");
        assertThat(site.nova().migrations()).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo("error");
            assertThat(m.kind()).isEqualTo("live-migration");
        });
        assertThatThrownBy(() -> site.nova().coldMigrateServer(booted.id(), "cn03")).hasMessage("Cannot migrate to the host where the server exists.");
        assertThatThrownBy(() -> site.nova().liveMigrateServer(booted.id(), "cn05")).hasMessageContaining("No valid host was found"); // az2
    }

    @Test
    void anEvacuatedHostCannotBeForcedUpUntilItsComputeServiceRestarted() {
        Instance booted = boot("cn02");
        clock.advance(Duration.ofSeconds(3));

        assertThatThrownBy(() -> site.nova().evacuateServer(booted.id()))
                .isInstanceOfSatisfying(LabException.class, e -> assertThat(e.kind()).isEqualTo(LabException.Kind.BAD_REQUEST))
                .hasMessage("Compute service of cn02 is still in use.");
        site.nova().setForcedDown("cn02", true);
        site.nova().evacuateServer(booted.id());
        assertThat(site.nova().instance(booted.id()).orElseThrow().status()).isEqualTo(InstanceStatus.REBUILD);
        clock.advance(Duration.ofSeconds(10));
        assertThat(site.nova().instance(booted.id()).orElseThrow().host()).isNotEqualTo("cn02");

        assertThatThrownBy(() -> site.nova().setForcedDown("cn02", false)).hasMessageContaining("`done` evacuation migration records");

        site.nova().restartComputeService("cn02");

        assertThat(site.nova().setForcedDown("cn02", false).forcedDown()).isFalse();
        assertThat(site.nova().migrations()).last().extracting(Migration::status).isEqualTo("completed");
    }

    @Test
    void novaServicesAreTheControllersAndOneComputeServicePerHypervisor() {
        site.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn04"));

        assertThat(site.nova().novaServices()).filteredOn(s -> s.binary().equals("nova-conductor")).extracting(NovaService::host)
                .containsExactly("cc01", "cc02", "cc03");
        assertThat(site.nova().novaServices()).filteredOn(s -> s.binary().equals("nova-compute")).hasSize(6)
                .filteredOn(s -> !s.up()).extracting(NovaService::host).containsExactly("cn04");
    }
    @Test
    void onACharmedSiteTheControlServicesRunInNovaCloudControllersContainers() {
        LabSite charmed = loader.load("lab-charmed", loader.readResource("lab/small-charmed.yaml"), clock, LabTimings.scaled(1.0));

        assertThat(charmed.nova().novaServices()).filteredOn(s -> s.binary().equals("nova-scheduler")).hasSize(3)
                .allSatisfy(s -> {
                    assertThat(s.host()).startsWith("juju-");
                    assertThat(s.zone()).isEqualTo("internal");
                    assertThat(s.up()).isTrue();
                });
    }
}
