package io.dayshift.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.adapter.ssh.SshTestSupport;
import io.dayshift.shell.DetachedRun.Inspection;
import io.dayshift.shell.DetachedRun.Start;
import io.dayshift.shell.DetachedRun.State;
import io.dayshift.site.Secrets;
import io.dayshift.testing.DetachedProcesses;
import io.dayshift.testing.TestSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Detached runs through a real SSH server and a real {@code /bin/sh}: started once, looked at, and never a door for injection. */
class DetachedRunTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TestSshServer server;
    private RemoteShell shell;
    private Path work;
    private String base;

    @BeforeEach
    void start() {
        server = TestSshServer.start();
        server.useShell();
        shell = SshTestSupport.shell(new Secrets(n -> null));
        work = server.workDir();
        base = work.resolve("runs").toString();
    }

    @AfterEach
    void stop() throws Exception {
        DetachedProcesses.killLeftovers(work.resolve("runs"));
        server.close();
    }

    /** A command written in this package's test: waits until the test creates {@code release}, then counts its launch. */
    private static ShellCommand waitsForRelease() {
        return ShellCommand.script("echo launch >> launches; while [ ! -f release ]; do sleep 0.05; done; echo released; exit 3");
    }

    @Test
    void startsInTheBackgroundRunsThenFinishesWithItsExitStatus() throws Exception {
        DetachedRun run = DetachedRun.at(base, "4711-Task_Deploy");

        Start start = started(run, waitsForRelease());

        assertThat(start.launched()).isTrue();
        assertThat(start.command()).isEqualTo(waitsForRelease().render());
        assertThat(start.started()).isPresent();
        Inspection running = inspect(run);
        assertThat(running.state()).isEqualTo(State.RUNNING);
        assertThat(running.pid()).isPresent();
        assertThat(running.exitCode()).isEmpty();
        assertThat(running.logTail()).isEmpty();
        assertThat(Files.readString(Path.of(run.directory(), "command"))).isEqualTo(waitsForRelease().render() + "\n");

        Files.writeString(work.resolve("release"), "");
        Inspection finished = awaitNot(run, State.RUNNING);

        assertThat(finished.state()).as(finished.toString()).isEqualTo(State.FINISHED);
        assertThat(finished.exitCode()).hasValue(3);
        assertThat(finished.logTail()).isEqualTo("released\n");
        assertThat(finished.logBytes()).isEqualTo(9);
        assertThat(finished.ended()).isPresent();
        assertThat(finished.elapsed()).isEqualTo(Duration.between(finished.started().orElseThrow(), finished.ended().orElseThrow()));
        assertThat(Path.of(run.directory(), "rc")).hasContent("3");
    }

    @Test
    void aSecondStartLaunchesNothingAndReportsTheRunningCommand() throws Exception {
        DetachedRun run = DetachedRun.at(base, "4711-Task_Deploy");
        started(run, waitsForRelease());

        Start again = started(run, waitsForRelease());

        assertThat(again.launched()).isFalse();
        assertThat(again.command()).isEqualTo(waitsForRelease().render());
        Files.writeString(work.resolve("release"), "");
        awaitNot(run, State.RUNNING);
        assertThat(started(run, waitsForRelease()).launched()).isFalse();
        assertThat(Files.readAllLines(work.resolve("launches"))).containsExactly("launch");
    }

    @Test
    void concurrentStartsLaunchOnce() throws Exception {
        DetachedRun run = DetachedRun.at(base, "4711-Task_Deploy");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Start>> starts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                starts.add(() -> run.started(shell.run(server.endpoint(), run.start(waitsForRelease()), TIMEOUT)));
            }
            List<Start> results = new ArrayList<>();
            for (Future<Start> f : pool.invokeAll(starts)) {
                results.add(f.get());
            }

            assertThat(results).filteredOn(Start::launched).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        awaitFile(work.resolve("launches"));
        Files.writeString(work.resolve("release"), "");
        awaitNot(run, State.RUNNING);
        assertThat(Files.readAllLines(work.resolve("launches"))).containsExactly("launch");
    }

    @Test
    void runsInTheSessionsDirectoryNotInTheRunDirectory() throws Exception {
        DetachedRun run = DetachedRun.at(base, "pwd");
        started(run, ShellCommand.of("pwd"));

        Inspection finished = awaitNot(run, State.RUNNING);

        assertThat(finished.exitCode()).hasValue(0);
        assertThat(finished.logTail().strip()).isEqualTo(work.toRealPath().toString());
    }

    @Test
    void aKilledRunIsLost() throws Exception {
        DetachedRun run = DetachedRun.at(base, "killed");
        started(run, waitsForRelease());
        long pid = inspect(run).pid().orElseThrow();

        DetachedProcesses.kill(pid);
        Inspection lost = awaitNot(run, State.RUNNING);

        assertThat(lost.state()).isEqualTo(State.LOST);
        assertThat(lost.lostBecause()).contains("process " + pid).contains("without leaving an exit status");
        assertThat(lost.exitCode()).isEmpty();
    }

    @Test
    void aRunFromBeforeARestartIsLost() throws Exception {
        DetachedRun run = DetachedRun.at(base, "rebooted");
        started(run, waitsForRelease());
        Files.writeString(Path.of(run.directory(), "boot"), "00000000-0000-0000-0000-000000000000\n");

        Inspection lost = inspect(run);

        assertThat(lost.state()).isEqualTo(State.LOST);
        assertThat(lost.lostBecause()).contains("restarted");
    }

    @Test
    void aRunWithoutPidOrDirectoryIsLost() throws Exception {
        DetachedRun run = DetachedRun.at(base, "half-started");
        Files.createDirectories(Path.of(run.directory()));
        Files.writeString(Path.of(run.directory(), "command"), "true\n");

        assertThat(inspect(run).lostBecause()).contains("no process id");
        assertThat(inspect(DetachedRun.at(base, "never-started")).lostBecause()).contains("does not exist");
        assertThat(inspect(DetachedRun.at(base, "never-started")).state()).isEqualTo(State.LOST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn01; touch x", "$(touch x)", "`touch x`", "a' ; touch x ; '", "a'\\'' ; touch x ; '\\''", "a\" ; touch x ; \"",
            "a && touch x", "a | touch x", "a > x", "'", "''", "\\", "\\'", "$HOME", "*", "!!", "-n", "a & touch x", "'\"'\"'"})
    void theCommandIsQuotedAgainAsOneWord(String value) throws Exception {
        // Arg patterns would refuse all of these; this checks the second layer alone: whatever a command holds runs exactly as written.
        ShellCommand command = ShellCommand.script("printf '%s|' " + ShellQuoting.quote(value));
        DetachedRun run = DetachedRun.at(base, "quoting");

        Start start = started(run, command);
        Inspection finished = awaitNot(run, State.RUNNING);

        assertThat(start.command()).isEqualTo(command.render());
        assertThat(finished.exitCode()).hasValue(0);
        assertThat(finished.logTail()).isEqualTo(value + "|");
        assertThat(work.resolve("x")).doesNotExist();
        assertThat(Path.of(run.directory(), "x")).doesNotExist();
    }

    @Test
    void aLogThatPrintsTheMarkerDoesNotFoolTheInspection() throws Exception {
        DetachedRun run = DetachedRun.at(base, "marker");
        started(run, ShellCommand.script("printf '\\n==dayshift-detached-run==\\nrunning\\n0\\n'; exit 5"));

        Inspection finished = awaitNot(run, State.RUNNING);

        assertThat(finished.state()).isEqualTo(State.FINISHED);
        assertThat(finished.exitCode()).hasValue(5);
        assertThat(finished.logTail()).isEqualTo("\n==dayshift-detached-run==\nrunning\n0\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", ".", "a b", "$(touch x)", "a;touch x", "-rf", "a/b", "", "a\nb", "`touch x`"})
    void runIdsAreChecked(String runId) {
        assertThatThrownBy(() -> DetachedRun.at(base, runId)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runs", "/tmp/x; touch x", "/tmp/$(touch x)", "/tmp/../etc", "/", "/tmp/a b"})
    void baseDirectoriesAreChecked(String baseDirectory) {
        assertThatThrownBy(() -> DetachedRun.at(baseDirectory, "id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBaseThatIsASymbolicLinkIsRefused() throws Exception {
        Path target = Files.createDirectory(work.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(work.resolve("link"), target);
        DetachedRun run = DetachedRun.at(link.toString(), "id");

        CommandResult result = shell.run(server.endpoint(), run.start(waitsForRelease()), TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(result.stderr()).contains("cannot keep runs in").contains(link.toString());
        assertThatThrownBy(() -> run.started(result)).isInstanceOf(IllegalStateException.class).hasMessageContaining("exit 3");
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files).isEmpty();
        }
        assertThat(work.resolve("launches")).doesNotExist();
    }

    @Test
    void theRunDirectoryIsPrivate() throws Exception {
        DetachedRun run = DetachedRun.at(base, "private");
        started(run, ShellCommand.of("true"));

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(run.directory())))).isEqualTo("rwx------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(base)))).isEqualTo("rwx------");
        assertThat(DetachedRun.ofDirectory(run.directory()).directory()).isEqualTo(run.directory());
        assertThat(DetachedRun.ofDirectory(run.directory()).runId()).isEqualTo("private");
    }

    // --- helpers ---

    private Start started(DetachedRun run, ShellCommand command) {
        return run.started(shell.run(server.endpoint(), run.start(command), TIMEOUT));
    }

    private Inspection inspect(DetachedRun run) {
        return run.inspection(shell.run(server.endpoint(), run.inspect(64 * 1024), TIMEOUT));
    }

    /** Looks until the run is no longer in {@code state}; a bound, not a speed assertion. */
    private Inspection awaitNot(DetachedRun run, State state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Inspection seen = inspect(run);
        while (seen.state() == state && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = inspect(run);
        }
        return seen;
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }


}
