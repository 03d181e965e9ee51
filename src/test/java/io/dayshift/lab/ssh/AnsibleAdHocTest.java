package io.dayshift.lab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.shell.Arg;
import io.dayshift.shell.ShellCommand;
import io.dayshift.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** {@code ansible … -m command -a '…'} on the lab's deployer answers per node in the ad-hoc callback's format. */
class AnsibleAdHocTest {

    private final LabShell shell = LabShell.standard();
    private final TopologyLoader loader = new TopologyLoader();
    private final LabSite kolla = loader.load("lab", loader.readResource("lab/small-kolla.yaml"), MutableClock.at("2025-05-06T07:00:00Z"),
            LabTimings.instant());

    private ShellResult onDeployer(ShellCommand nodeCommand, String pattern) {
        ShellCommand line = ShellCommand.of("ansible").arg(Arg.HOST_LIST, pattern).flag("-i").arg(Arg.PATH, "/etc/kolla/multinode")
                .flag("-m").flag("command").flag("-a").commandArg(nodeCommand);
        return shell.execute(new Session(kolla, "cc01", () -> "", d -> { }), line.render());
    }

    @Test
    void listsTheContainersOfEachNodeOfAGroup() {
        ShellResult r = onDeployer(ShellCommand.of("docker").flag("ps").flag("-a"), "network");

        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).startsWith("net01 | CHANGED | rc=0 >>\nCONTAINER ID").contains("\nnet02 | CHANGED | rc=0 >>\n")
                .contains("neutron_l3_agent").doesNotContain("cn01");
    }

    @Test
    void anUnreachableNodeAndAFailingCommandGiveAnsiblesExitCodes() {
        kolla.injectFault(LabFault.of(FaultType.HOST_UNREACHABLE, "cn02"));

        ShellResult r = onDeployer(ShellCommand.of("docker").flag("logs").flag("--tail").arg(Arg.NUMBER, "5").arg(Arg.WORD, "nova_compute"), "cn01,cn02,cc01");

        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.stdout()).contains("cn01 | CHANGED | rc=0 >>\n").contains("periodic task run on cn01")
                .contains("cc01 | FAILED | rc=1 >>\nError response from daemon: No such container: nova_computenon-zero return code\n")
                .contains("cn02 | UNREACHABLE! => {\n    \"changed\": false,\n    \"msg\": \"Failed to connect to the host via ssh:");
    }

    @Test
    void faultsShowAsAnExitedContainerAndErrorLines() {
        kolla.injectFault(LabFault.of(FaultType.CONTAINER_EXITED, "cc02/horizon"));
        kolla.injectFault(new LabFault("", FaultType.CONTAINER_ERRORS, "nova_conductor", "boom", 0));

        assertThat(onDeployer(ShellCommand.of("docker").flag("ps").flag("-a"), "cc02").stdout())
                .containsPattern("Exited \\(1\\) 7 minutes ago\\s+horizon");
        assertThat(onDeployer(ShellCommand.of("docker").flag("logs").flag("--tail").arg(Arg.NUMBER, "3").arg(Arg.WORD, "nova_conductor"), "cc03")
                .stdout()).contains("ERROR nova.conductor [-] boom").contains("WARNING");
    }

    @Test
    void anUnknownPatternOrModuleIsAnsweredAsAnsibleWould() {
        ShellResult none = onDeployer(ShellCommand.of("docker").flag("ps"), "nowhere");
        assertThat(none.exit()).isZero();
        assertThat(none.stdout()).isEmpty();
        assertThat(none.stderr()).contains("Could not match supplied host pattern, ignoring: nowhere");

        ShellResult shellModule = shell.execute(new Session(kolla, "cc01", () -> "", d -> { }),
                "ansible all -i /etc/kolla/multinode -m shell -a 'docker ps'");
        assertThat(shellModule.exit()).isEqualTo(1);
    }
}
