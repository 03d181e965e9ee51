package io.dayshift.lab.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.shell.Arg;
import io.dayshift.shell.CommandResult;
import io.dayshift.shell.DetachedRun;
import io.dayshift.shell.DetachedRun.Inspection;
import io.dayshift.shell.DetachedRun.Start;
import io.dayshift.shell.DetachedRun.State;
import io.dayshift.shell.ShellCommand;
import io.dayshift.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The lab answers Dayshift's detached-run scripts (rendered by the real {@link DetachedRun}) as {@code sh} would, so that
 * {@link DetachedRun#started} and {@link DetachedRun#inspection} read its answers; kolla-ansible runs in simulated time.
 */
class DetachedRunScriptsTest {

    private static final String BASE = "/var/tmp/dayshift/kolla-runs";
    private static final String INVENTORY = "/etc/kolla/multinode";

    private final MutableClock clock = MutableClock.at("2025-05-06T07:00:00Z");
    private final LabShell shell = LabShell.standard();
    private final LabSite kolla = site("17.3.0");

    private LabSite site(String kollaAnsibleVersion) {
        TopologyLoader loader = new TopologyLoader();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("lab/small-kolla.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("version: \"17.3.0\"", "version: \"" + kollaAnsibleVersion + "\"");
            return loader.load("lab", loader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "small-kolla"), clock,
                    LabTimings.scaled(1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private CommandResult run(LabSite site, ShellCommand command) {
        ShellResult r = shell.execute(new Session(site, "cc01", () -> "", d -> { }), command.render());
        return new CommandResult(command.render(), r.exit(), r.stdout(), r.stderr(), false, Duration.ZERO);
    }

    private ShellResult line(String line) {
        return shell.execute(new Session(kolla, "cc01", () -> "", d -> { }), line);
    }

    private static ShellCommand bashDeploy(String limit) {
        return ShellCommand.of("kolla-ansible").flag("-i").arg(Arg.PATH, INVENTORY).flag("deploy").flag("--limit").arg(Arg.HOST_LIST, limit);
    }

    private Start start(LabSite site, DetachedRun run, ShellCommand command) {
        return run.started(run(site, run.start(command)));
    }

    private Inspection inspect(LabSite site, DetachedRun run) {
        return run.inspection(run(site, run.inspect(64 * 1024)));
    }

    @Test
    void aDeployStartsOnceRunsInSimulatedTimeAndFinishesWithItsRecap() {
        DetachedRun run = DetachedRun.at(BASE, "4711-Task_Deploy");
        ShellCommand deploy = bashDeploy("cn03");

        Start started = start(kolla, run, deploy);

        assertThat(started.launched()).isTrue();
        assertThat(started.command()).isEqualTo(deploy.render());
        assertThat(started.started()).contains(clock.instant());
        assertThat(kolla.destructiveActions()).containsEntry("kolla-deploy", 1L);
        Inspection running = inspect(kolla, run);
        assertThat(running.state()).isEqualTo(State.RUNNING);
        assertThat(running.pid()).isPresent();
        assertThat(running.logTail()).isEmpty();
        assertThat(line("cat '" + run.directory() + "/log'").stdout()).startsWith("Deploying Playbooks : ansible-playbook ")
                .contains(" --limit cn03 -e kolla_action=deploy ").endsWith(" --inventory /etc/kolla/multinode\n");

        Start again = start(kolla, run, deploy);
        clock.advance(Duration.ofSeconds(15));
        Inspection finished = inspect(kolla, run);

        assertThat(again.launched()).isFalse();
        assertThat(again.command()).isEqualTo(deploy.render());
        assertThat(again.started()).isEqualTo(started.started());
        assertThat(kolla.destructiveActions()).containsEntry("kolla-deploy", 1L);
        assertThat(finished.state()).isEqualTo(State.FINISHED);
        assertThat(finished.exitCode()).hasValue(0);
        assertThat(finished.elapsed()).isEqualTo(Duration.ofSeconds(15));
        assertThat(finished.logTail()).startsWith("Deploying Playbooks : ").contains("PLAY RECAP ****")
                .containsPattern("(?m)^cn03 +: ok=\\d+ +changed=\\d+ +unreachable=0 +failed=0 ");
        assertThat(finished.logBytes()).isEqualTo(DetachedRun.utf8Bytes(finished.logTail()));
        assertThat(line("cat '" + run.directory() + "/rc'").stdout()).isEqualTo("0\n");
        assertThat(line("cat '" + run.directory() + "/command'").stdout()).isEqualTo(deploy.render() + "\n");
        assertThat(line("test -d '" + run.directory() + "'").exit()).isZero();
        assertThat(line("test -f '" + run.directory() + "/ended'").exit()).isZero();
        assertThat(start(kolla, run, deploy).launched()).isFalse();
        assertThat(kolla.destructiveActions()).containsEntry("kolla-deploy", 1L);
    }

    @Test
    void concurrentStartsLaunchOnce() throws Exception {
        DetachedRun run = DetachedRun.at(BASE, "4711-Task_Deploy");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Start> results = new ArrayList<>();
        try {
            List<Callable<Start>> starts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                starts.add(() -> start(kolla, run, bashDeploy("cn03")));
            }
            for (Future<Start> f : pool.invokeAll(starts)) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).filteredOn(Start::launched).hasSize(1);
        assertThat(results).extracting(Start::command).containsOnly(bashDeploy("cn03").render());
        assertThat(kolla.destructiveActions()).containsEntry("kolla-deploy", 1L);
    }

    @Test
    void anotherCommandUnderTheSameRunIdLaunchesNothingAndShowsTheRunsCommand() {
        DetachedRun run = DetachedRun.at(BASE, "4711-Task_Deploy");
        start(kolla, run, bashDeploy("cn03"));

        Start clash = start(kolla, run, bashDeploy("cn04"));

        assertThat(clash.launched()).isFalse();
        assertThat(clash.command()).isEqualTo(bashDeploy("cn03").render());
        assertThat(kolla.destructiveActions()).containsEntry("kolla-deploy", 1L);
    }

    @Test
    void aFailedHostShowsInTheRecapAndTheBashCliExitsOne() {
        kolla.injectFault(LabFault.of(FaultType.DEPLOY_FAILS, "cn05"));
        DetachedRun run = DetachedRun.at(BASE, "deploy-cn04-cn05");
        start(kolla, run, bashDeploy("cn04,cn05"));
        clock.advance(Duration.ofSeconds(15));

        Inspection finished = inspect(kolla, run);

        assertThat(finished.exitCode()).hasValue(1);
        assertThat(finished.logTail()).contains("fatal: [cn05]: FAILED!")
                .containsPattern("(?m)^cn05 +: ok=\\d+ +changed=\\d+ +unreachable=0 +failed=1 ")
                .containsPattern("(?m)^cn04 +: ok=\\d+ +changed=\\d+ +unreachable=0 +failed=0 ")
                .containsPattern("(?m)^Command failed ansible-playbook .* --limit cn04,cn05 -e kolla_action=deploy .*\\n\\z");
    }

    @Test
    void theCliffCliPropagatesAnsiblePlaybooksExitCode() {
        LabSite epoxy = site("20.1.0");
        epoxy.injectFault(LabFault.of(FaultType.UPGRADE_FAILS, "cn02"));
        DetachedRun run = DetachedRun.at(BASE, "upgrade");
        start(epoxy, run, ShellCommand.of("kolla-ansible").flag("upgrade").flag("-i").arg(Arg.PATH, INVENTORY));
        clock.advance(Duration.ofSeconds(20));

        Inspection finished = inspect(epoxy, run);

        assertThat(finished.exitCode()).hasValue(2);
        assertThat(finished.logTail()).startsWith("Upgrading OpenStack Environment\n").contains("fatal: [cn02]: FAILED!")
                .endsWith("Kolla Ansible playbook(s) /usr/local/share/kolla-ansible/ansible/site.yml exited 2\n");
    }

    @Test
    void aCommandThatEndsAtOnceHasItsOutputAndExitStatusAtOnce() {
        DetachedRun health = DetachedRun.at(BASE, "health");
        DetachedRun unknown = DetachedRun.at(BASE, "unknown");
        DetachedRun badAction = DetachedRun.at(BASE, "bad-action");

        start(kolla, health, ShellCommand.of("ceph").flag("health"));
        start(kolla, unknown, ShellCommand.of("frobnicate"));
        start(kolla, badAction, ShellCommand.of("kolla-ansible").flag("mariadb-backup").flag("-i").arg(Arg.PATH, INVENTORY));

        assertThat(inspect(kolla, health).logTail()).isEqualTo("HEALTH_OK\n");
        assertThat(inspect(kolla, health).exitCode()).hasValue(0);
        assertThat(inspect(kolla, unknown).exitCode()).hasValue(127);
        assertThat(inspect(kolla, unknown).logTail()).isEqualTo("sh: 1: frobnicate: not found\n");
        assertThat(inspect(kolla, badAction).exitCode()).hasValue(1);
        assertThat(kolla.destructiveActions()).doesNotContainKey("kolla-mariadb-backup");
    }

    @Test
    void runsThatAreGoneOrFromAnotherBootOrWithoutPidAreLost() {
        DetachedRun never = DetachedRun.at(BASE, "never-started");
        assertThat(inspect(kolla, never).state()).isEqualTo(State.LOST);
        assertThat(inspect(kolla, never).lostBecause()).contains("does not exist");

        DetachedRun rebooted = DetachedRun.at(BASE, "rebooted");
        start(kolla, rebooted, bashDeploy("cn03"));
        kolla.kolla().writeFile(rebooted.directory() + "/boot", "00000000-0000-0000-0000-000000000000\n");
        assertThat(inspect(kolla, rebooted).lostBecause()).contains("restarted");

        DetachedRun killed = DetachedRun.at(BASE, "killed");
        start(kolla, killed, bashDeploy("cn04"));
        kolla.kolla().writeFile(killed.directory() + "/pid", "1\n");
        Inspection gone = inspect(kolla, killed);
        assertThat(gone.state()).isEqualTo(State.LOST);
        assertThat(gone.lostBecause()).contains("process 1 is gone");

        DetachedRun halfStarted = DetachedRun.at(BASE, "half-started");
        start(kolla, halfStarted, bashDeploy("cn05"));
        kolla.kolla().deleteFile(halfStarted.directory() + "/pid");
        assertThat(inspect(kolla, halfStarted).lostBecause()).contains("no process id");
    }

    @Test
    void aBaseThatIsAFileOrARunDirectoryThatIsAFileIsRefusedAsTheScriptRefusesIt() {
        kolla.kolla().writeFile("/var/tmp/runs-file", "not a directory\n");
        DetachedRun inFile = DetachedRun.at("/var/tmp/runs-file", "x");
        CommandResult refused = run(kolla, inFile.start(bashDeploy("cn03")));

        assertThat(refused.exitStatus()).isEqualTo(3);
        assertThat(refused.stderr()).contains("cannot keep runs in /var/tmp/runs-file");
        assertThatThrownBy(() -> inFile.started(refused)).isInstanceOf(IllegalStateException.class).hasMessageContaining("exit 3");

        DetachedRun taken = DetachedRun.at(BASE, "taken");
        start(kolla, DetachedRun.at(BASE, "first"), ShellCommand.of("true"));
        kolla.kolla().writeFile(taken.directory(), "a file\n");
        CommandResult cannot = run(kolla, taken.start(bashDeploy("cn03")));
        assertThat(cannot.exitStatus()).isEqualTo(3);
        assertThat(cannot.stderr()).isEqualTo("cannot create run directory " + taken.directory() + "\n");
        assertThat(kolla.destructiveActions()).doesNotContainKey("kolla-deploy");
    }

    @Test
    void onlyTheExactScriptsAreRecognisedAnythingElseWithShellSyntaxIsRefused() {
        DetachedRun run = DetachedRun.at(BASE, "4711-Task_Deploy");
        String script = run.start(bashDeploy("cn03")).render();
        String inspect = run.inspect(1024).render();

        assertThat(line(script + "; touch /tmp/x").exit()).isEqualTo(2);
        assertThat(line(script.replace("mkdir -p", "mkdir -pv")).exit()).isEqualTo(2);
        assertThat(line(script.replaceFirst("\\(kolla-ansible", "(rm -rf / ; kolla-ansible")).exit()).isEqualTo(2);
        assertThat(line(inspect.replace("exit 0", "rm -rf /")).exit()).isEqualTo(2);
        assertThat(kolla.destructiveActions()).isEmpty();
        assertThat(kolla.kolla().isDirectory(run.directory())).isFalse();
        assertThat(line(inspect).exit()).isZero();
        assertThat(line(script).exit()).isZero();
    }

    @Test
    void theRunsClockIsTheSitesClock() {
        DetachedRun run = DetachedRun.at(BASE, "clock");
        start(kolla, run, bashDeploy("cn03"));
        clock.advance(Duration.ofSeconds(5));

        Inspection running = inspect(kolla, run);

        assertThat(running.started()).contains(Instant.parse("2025-05-06T07:00:00Z"));
        assertThat(running.hostNow()).isEqualTo(Instant.parse("2025-05-06T07:00:05Z"));
        assertThat(running.elapsed()).isEqualTo(Duration.ofSeconds(5));
    }
}
