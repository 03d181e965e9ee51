package io.dayshift.adapter.kolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.adapter.ssh.SshTestSupport;
import io.dayshift.kolla.ContainerLog;
import io.dayshift.kolla.HostContainers;
import io.dayshift.kolla.KollaException;
import io.dayshift.kolla.NodeContainer;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.testing.TestSshServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kolla adapter's node checks over real SSH and a real {@code /bin/sh}: {@code ansible} is a fake script first on the
 * shell's PATH that records its arguments, prints a chosen ad-hoc output and exits with a chosen code.
 */
class KollaAdHocContractTest {

    private static final String FAKE_ANSIBLE = """
            #!/bin/sh
            ctl='CTL'
            for a in "$@"; do printf '%s\\n' "$a"; done > "$ctl/args"
            if [ -f "$ctl/stderr" ]; then cat "$ctl/stderr" >&2; fi
            cat "$ctl/stdout"
            exit "$(cat "$ctl/exit")"
            """;

    private TestSshServer server;
    private KollaAnsibleDeployer deployer;
    private Site site;
    private Path ctl;
    private String inventory;

    @BeforeEach
    void start() throws Exception {
        server = TestSshServer.start();
        server.useShell();
        Path bin = Files.createDirectory(server.workDir().resolve("bin"));
        ctl = Files.createDirectory(server.workDir().resolve("ctl"));
        Path fake = Files.writeString(bin.resolve("ansible"), FAKE_ANSIBLE.replace("CTL", ctl.toString()));
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        server.prependToPath(bin);
        Path inv = Files.writeString(server.workDir().resolve("multinode"), IniInventoryTest.MULTINODE);
        inventory = inv.toString();
        Secrets secrets = new Secrets(n -> null);
        deployer = new KollaAnsibleDeployer(SshTestSupport.shell(secrets),
                new KollaProperties("kolla-ansible", Duration.ofMinutes(2), server.workDir().resolve("runs").toString(), 1000, Duration.ofHours(1)),
                secrets, Clock.systemUTC(), call -> { });
        site = KollaAnsibleDeployerContractTest.site(server.endpoint(), inv, server.workDir().resolve("globals.yml"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void answer(int exit, String stdout) throws Exception {
        Files.writeString(ctl.resolve("exit"), Integer.toString(exit));
        Files.writeString(ctl.resolve("stdout"), stdout);
    }

    private List<String> args() throws Exception {
        return Files.readAllLines(ctl.resolve("args"));
    }

    @Test
    void listsTheContainersOfEveryNodeOfThePattern() throws Exception {
        String fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/ansible/adhoc-docker-ps.stdout")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        answer(4, fixture);

        List<HostContainers> hosts = deployer.containers(site, "baremetal,loadbalancer");

        assertThat(args()).containsExactly("baremetal,loadbalancer", "-i", inventory, "-m", "command", "-a", "docker ps -a");
        assertThat(hosts).extracting(HostContainers::host).containsExactly("cn02", "cn03", "cn04", "cn05");
        assertThat(hosts.get(0).answered()).isTrue();
        assertThat(hosts.get(0).containers()).extracting(NodeContainer::name).containsExactly("nova_compute", "nova_libvirt", "neutron_openvswitch_agent");
        assertThat(hosts.get(2).problem()).hasValueSatisfying(p -> assertThat(p).startsWith("unreachable: Failed to connect"));
        assertThat(hosts.get(3).containers()).isEmpty();
    }

    @Test
    void readsTheLogTailOfAContainerOnTheNodesWhereItRuns() throws Exception {
        answer(2, """
                cc01 | CHANGED | rc=0 >>
                2025-05-06 07:00:00.000 7 INFO nova.conductor [-] periodic task
                2025-05-06 07:00:01.000 7 ERROR nova.conductor [-] AMQP server on rabbitmq:5672 is unreachable
                cc02 | FAILED | rc=1 >>
                Error response from daemon: No such container: nova_conductornon-zero return code
                """);

        List<ContainerLog> logs = deployer.containerLogTail(site, List.of("cc01", "cc02"), "nova_conductor", 200);

        assertThat(args()).containsExactly("cc01,cc02", "-i", inventory, "-m", "command", "-a", "docker logs --tail '200' 'nova_conductor'");
        assertThat(logs.get(0).lines()).hasSize(2).last().asString().contains("ERROR");
        assertThat(logs.get(0).problem()).isEmpty();
        assertThat(logs.get(1).problem()).isEqualTo(Optional.of("rc=1: Error response from daemon: No such container: nova_conductor"));
    }

    @Test
    void theLogsOfMoreHostsThanOnePatternTakesAreReadInSeveralCalls() throws Exception {
        answer(0, """
                cn001 | CHANGED | rc=0 >>
                2025-05-06 07:00:00.000 7 INFO nova.compute [-] periodic task
                """);
        List<String> hosts = IntStream.rangeClosed(1, 204).mapToObj(i -> String.format("cn%03d", i)).toList();

        List<ContainerLog> logs = deployer.containerLogTail(site, hosts, "nova_compute", 10);

        // two calls (200 hosts, then 4), each answered once by the fake: the last call named the last four hosts
        assertThat(args().get(0)).isEqualTo("cn201,cn202,cn203,cn204");
        assertThat(logs).hasSize(2);
    }

    @Test
    void anAnsibleErrorIsAFailureOfTheStepNamingTheSite() throws Exception {
        answer(5, "");
        Files.writeString(ctl.resolve("stderr"), "ansible: error: unrecognized arguments\n");

        assertThatThrownBy(() -> deployer.containers(site, "all")).isInstanceOf(KollaException.class)
                .hasMessageContaining("site lab").hasMessageContaining("exited 5").hasMessageContaining("unrecognized arguments");
    }

    @Test
    void refusesPatternsAndNamesThatAreNotPlain() {
        assertThatThrownBy(() -> deployer.containers(site, "all;reboot")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deployer.containerLogTail(site, List.of("cc01"), "nova compute", 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deployer.containerLogTail(site, List.of("cc01"), "nova_compute", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.commands()).isEmpty();
    }

    @Test
    void ansibleIsTheOneBesideKollaAnsible() {
        KollaAnsibleDeployer inVenv = new KollaAnsibleDeployer(SshTestSupport.shell(new Secrets(n -> null)),
                new KollaProperties("/opt/kolla-venv/bin/kolla-ansible", Duration.ofMinutes(2), "/var/tmp/runs", 1000, Duration.ofHours(1)),
                new Secrets(n -> null), Clock.systemUTC(), call -> { });
        assertThat(inVenv.ansibleExecutable()).isEqualTo("/opt/kolla-venv/bin/ansible");
        assertThat(deployer.ansibleExecutable()).isEqualTo("ansible");
    }
}
