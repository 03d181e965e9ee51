package io.dayshift.adapter.juju;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.charm.Application;
import io.dayshift.charm.Machine;
import io.dayshift.charm.ModelStatus;
import io.dayshift.charm.Unit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code juju status --format=json} of Juju 2.9 and 3.x, from real captures. */
class JujuStatusParserTest {

    private final JujuStatusParser parser = new JujuStatusParser(new ObjectMapper());

    @ParameterizedTest
    @CsvSource({"cou-openstack-ussuri-juju2.9.42.json, 2.9.42", "cou-openstack-ussuri-juju3.4.2.json, 3.4.2"})
    void readsTheCharmedOpenStackModel(String fixture, String version) {
        ModelStatus status = parser.parse(Fixtures.read(fixture));

        assertThat(status.model()).isEqualTo("zaza-0228b5aec1cf");
        assertThat(status.jujuVersion()).isEqualTo(version);
        assertThat(status.applications()).hasSize(17);
        assertThat(status.machines()).hasSize(12);

        Application nova = status.application("nova-compute").orElseThrow();
        assertThat(nova.charm()).isEqualTo("nova-compute");
        assertThat(nova.channel()).isEqualTo("ussuri/stable");
        assertThat(nova.revision()).isEqualTo(669);
        assertThat(nova.canUpgradeTo()).isEqualTo("ch:amd64/focal/nova-compute-671");
        assertThat(nova.upgradeAvailable()).isPresent();
        assertThat(nova.status().current()).isEqualTo("active");
        assertThat(nova.subordinate()).isFalse();
        assertThat(nova.relations().get("amqp")).containsExactly("rabbitmq-server");

        Unit unit = nova.units().get("nova-compute/0");
        assertThat(unit.machine()).isEqualTo("5");
        assertThat(unit.leader()).isTrue();
        assertThat(unit.workload().current()).isEqualTo("active");
        assertThat(unit.workload().message()).isEqualTo("Unit is ready");
        assertThat(unit.agent().current()).isEqualTo("idle");
        assertThat(unit.activeAndIdle()).isTrue();
        assertThat(unit.subordinates()).containsOnlyKeys("neutron-openvswitch/0");
        assertThat(unit.subordinates().get("neutron-openvswitch/0").machine()).isEqualTo("5");

        Application ovs = status.application("neutron-openvswitch").orElseThrow();
        assertThat(ovs.subordinate()).isTrue();
        assertThat(ovs.subordinateTo()).containsExactly("nova-compute");
        assertThat(ovs.units()).isEmpty();
        assertThat(status.unit("neutron-openvswitch/0")).isPresent();

        assertThat(status.application("mysql").orElseThrow().charm()).isEqualTo("mysql-innodb-cluster");
        assertThat(status.application("cinder").orElseThrow().canUpgradeTo()).isEqualTo("ch:amd64/focal/cinder-643");
        assertThat(status.application("glance").orElseThrow().upgradeAvailable()).isEmpty();

        Machine five = status.machine("5").orElseThrow();
        assertThat(five.started()).isTrue();
        assertThat(five.machineStatus().current()).isEqualTo("running");
        assertThat(five.availabilityZone()).isEqualTo("nova");
        assertThat(five.instanceId()).isNotBlank();
        assertThat(five.hostname()).startsWith("juju-");
        assertThat(five.provisioningFailed()).isFalse();
        assertThat(status.unitsOn("5")).extracting(Unit::name).containsExactly("nova-compute/0");
    }

    @Test
    void readsTheNewRelationFormatAndBlockedSubordinatesOfJuju36() {
        ModelStatus status = parser.parse(Fixtures.read("jubilant-subordinates-juju3.6.4.json"));

        assertThat(status.jujuVersion()).isEqualTo("3.6.4");
        Application nrpe = status.application("nrpe").orElseThrow();
        assertThat(nrpe.subordinateTo()).containsExactlyInAnyOrder("ubun2", "ubuntu");
        assertThat(nrpe.status().current()).isEqualTo("blocked");
        assertThat(nrpe.relations().values()).allSatisfy(related -> assertThat(related).isNotEmpty().doesNotContain(""));
        assertThat(status.application("ubuntu").orElseThrow().relations().get("juju-info")).containsExactly("nrpe");

        Unit ubuntu = status.unit("ubuntu/1").orElseThrow();
        Unit sub = ubuntu.subordinates().get("nrpe/1");
        assertThat(sub.workload().current()).isEqualTo("blocked");
        assertThat(sub.workload().message()).isEqualTo("Nagios server not configured or related");
        assertThat(sub.activeAndIdle()).isFalse();
        assertThat(status.machine("1").orElseThrow().availabilityZone()).isEmpty();
    }

    @Test
    void refusesSomethingThatIsNotAStatus() {
        assertThatThrownBy(() -> parser.parse("ERROR model not found")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parser.parse("{\"applications\":{}}")).hasMessageContaining("model");
    }

    @Test
    void toleratesUnknownFieldsAndStatusErrors() {
        ModelStatus status = parser.parse("""
                {"model":{"name":"m","version":"3.6.0","new-field":{"x":1}},
                 "machines":{"0":{"status-error":"cannot load"},
                             "1":{"juju-status":{"current":"started"},"containers":{"1/lxd/0":{"juju-status":{"current":"pending"}}}}},
                 "applications":{"a":{"status-error":"boom"}}}
                """);

        assertThat(status.machines()).containsOnlyKeys("0", "1", "1/lxd/0");
        assertThat(status.machine("0").orElseThrow().jujuStatus().current()).isEqualTo("unknown");
        assertThat(status.application("a").orElseThrow().revision()).isEqualTo(-1);
    }
}
