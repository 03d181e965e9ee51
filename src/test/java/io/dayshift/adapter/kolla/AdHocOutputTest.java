package io.dayshift.adapter.kolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dayshift.kolla.NodeContainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdHocOutputTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = AdHocOutputTest.class.getResourceAsStream("/fixtures/ansible/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsEachHostsBlockOfTheMinimalCallback() throws IOException {
        List<AdHocOutput.HostResult> results = AdHocOutput.parse(fixture("adhoc-docker-ps.stdout"));

        assertThat(results).extracting(AdHocOutput.HostResult::host, AdHocOutput.HostResult::outcome, AdHocOutput.HostResult::rc).containsExactly(
                tuple("cn02", AdHocOutput.Outcome.OK, 0),
                tuple("cn03", AdHocOutput.Outcome.FAILED, 1),
                tuple("cn04", AdHocOutput.Outcome.UNREACHABLE, -1),
                tuple("cn05", AdHocOutput.Outcome.FAILED, 2));
        assertThat(results.get(0).lines()).hasSize(4).first().asString().startsWith("CONTAINER ID");
        assertThat(results.get(1).problem()).isEqualTo("rc=1: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?");
        assertThat(results.get(2).problem()).isEqualTo("unreachable: Failed to connect to the host via ssh: ssh: connect to host cn04 port 22: No route to host");
        assertThat(results.get(3).problem()).isEqualTo("rc=2: [Errno 2] No such file or directory: b'docker'");
    }

    @Test
    void readsDockerPsByItsHeaderColumns() throws IOException {
        List<NodeContainer> containers = DockerPs.parse(AdHocOutput.parse(fixture("adhoc-docker-ps.stdout")).get(0).lines());

        assertThat(containers).extracting(NodeContainer::name, NodeContainer::status, NodeContainer::running, NodeContainer::unhealthy).containsExactly(
                tuple("nova_compute", "Up 3 days (healthy)", true, false),
                tuple("nova_libvirt", "Up 3 days (unhealthy)", true, true),
                tuple("neutron_openvswitch_agent", "Exited (1) 2 minutes ago", false, false));
        assertThat(containers.get(0).image()).isEqualTo("quay.io/openstack.kolla/nova-compute:2023.2-ubuntu-jammy");
    }

    @Test
    void anEmptyRunOrWarningsOnlyGiveNoHosts() {
        assertThat(AdHocOutput.parse("")).isEmpty();
        assertThat(AdHocOutput.parse("[WARNING]: Could not match supplied host pattern, ignoring: nowhere\n")).isEmpty();
    }

    @Test
    void outputWithoutTheDockerHeaderIsRefused() {
        assertThatThrownBy(() -> DockerPs.parse(List.of("permission denied"))).hasMessageContaining("CONTAINER ID");
    }
}
