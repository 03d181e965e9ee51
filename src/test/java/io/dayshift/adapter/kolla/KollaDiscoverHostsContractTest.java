package io.dayshift.adapter.kolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.adapter.ssh.SshTestSupport;
import io.dayshift.kolla.HostDiscovery;
import io.dayshift.kolla.KollaException;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.testing.TestSshServer;
import io.dayshift.testing.TestSshServer.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link io.dayshift.kolla.KollaDeployer#discoverComputeHosts} over real SSH: the exact Ansible ad-hoc command the deployer
 * runs (the first nova-conductor, as root, the command module with a fixed argument) and how its per-host answer is read.
 */
class KollaDiscoverHostsContractTest {

    private static final String COMMAND = "ansible 'nova-conductor[0]' -i '/etc/kolla/multinode' --become -m command -a "
            + "'docker exec nova_conductor nova-manage cell_v2 discover_hosts --by-service --verbose'";
    /** nova-manage's verbose output, as nova/objects/host_mapping.py prints it (see nova's test_host_mapping.py). */
    private static final String DISCOVERED = """
            cc01 | CHANGED | rc=0 >>
            Found 2 cell mappings.
            Skipping cell0 since it does not contain hosts.
            Getting computes from cell 'cell1': 8e4b2b70-3f3b-4a0c-9a55-5a0f5e9a6c10
            Creating host mapping for service cn07
            Creating host mapping for service cn08
            Found 2 unmapped computes in cell: 8e4b2b70-3f3b-4a0c-9a55-5a0f5e9a6c10
            """;

    private TestSshServer server;
    private KollaAnsibleDeployer deployer;
    private Site site;

    @BeforeEach
    void start() {
        server = TestSshServer.start();
        Secrets secrets = new Secrets(n -> null);
        deployer = new KollaAnsibleDeployer(SshTestSupport.shell(secrets), KollaProperties.defaults(), secrets,
                Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC), call -> { });
        site = KollaAnsibleDeployerContractTest.site(server.endpoint(), Path.of("/etc/kolla/multinode"), Path.of("/etc/kolla/globals.yml"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void runsDiscoverHostsInTheFirstConductorAndReadsTheHostsItMapped() {
        server.onCommand(line -> line.equals(COMMAND) ? Reply.ok(DISCOVERED) : Reply.failure(2, "unexpected: " + line));

        HostDiscovery found = deployer.discoverComputeHosts(site);

        assertThat(server.commands()).containsExactly(COMMAND);
        assertThat(found.ranOn()).isEqualTo("cc01");
        assertThat(found.newlyMapped()).containsExactly("cn07", "cn08");
        assertThat(found.output()).contains("Found 2 unmapped computes");
    }

    @Test
    void nothingNewToMapIsAnEmptyAnswerNotAnError() {
        server.onCommand(line -> Reply.ok("cc01 | CHANGED | rc=0 >>\nFound 2 cell mappings.\nSkipping cell0 since it does not contain hosts.\n"
                + "Getting computes from cell 'cell1': 8e4b2b70\nFound 0 unmapped computes in cell: 8e4b2b70\n"));

        assertThat(deployer.discoverComputeHosts(site).newlyMapped()).isEmpty();
    }

    @Test
    void aConductorThatCannotBeReachedIsAFailureNamingTheHost() {
        server.onCommand(line -> new Reply(4, "cc01 | UNREACHABLE! => {\n    \"changed\": false,\n    \"msg\": \"Failed to connect to the host via ssh: "
                + "ssh: connect to host cc01 port 22: No route to host\",\n    \"unreachable\": true\n}\n", ""));

        assertThatThrownBy(() -> deployer.discoverComputeHosts(site)).isInstanceOf(KollaException.class)
                .hasMessageContaining("site lab").hasMessageContaining("cc01").hasMessageContaining("unreachable");
    }

    @Test
    void aFailingNovaManageIsAFailureWithItsOutput() {
        server.onCommand(line -> new Reply(2, "cc01 | FAILED | rc=1 >>\nError response from daemon: No such container: nova_conductornon-zero return code\n", ""));

        assertThatThrownBy(() -> deployer.discoverComputeHosts(site)).isInstanceOf(KollaException.class)
                .hasMessageContaining("discover_hosts").hasMessageContaining("rc=1").hasMessageContaining("No such container");
    }

    @Test
    void anInventoryWithoutConductorsIsAFailure() {
        server.onCommand(line -> new Reply(0, "", "[WARNING]: Could not match supplied host pattern, ignoring: nova-conductor[0]\n"));

        assertThatThrownBy(() -> deployer.discoverComputeHosts(site)).isInstanceOf(KollaException.class).hasMessageContaining("no nova-conductor host");
    }

    @Test
    void theAnsibleProgramIsTheOneBesideKollaAnsible() {
        Secrets secrets = new Secrets(n -> null);
        KollaAnsibleDeployer inVenv = new KollaAnsibleDeployer(SshTestSupport.shell(secrets),
                new KollaProperties("/opt/kolla-venv/bin/kolla-ansible", Duration.ofMinutes(2), "/var/tmp/dayshift/kolla-runs", 20000, Duration.ofHours(1)),
                secrets, Clock.systemUTC(), call -> { });
        server.onCommand(line -> Reply.ok(DISCOVERED));

        inVenv.discoverComputeHosts(site);

        assertThat(server.commands()).containsExactly(COMMAND.replaceFirst("^ansible", "/opt/kolla-venv/bin/ansible"));
    }
}
