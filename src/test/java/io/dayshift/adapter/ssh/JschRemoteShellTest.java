package io.dayshift.adapter.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.shell.Arg;
import io.dayshift.shell.CommandResult;
import io.dayshift.shell.RemoteCommandException;
import io.dayshift.shell.ShellCommand;
import io.dayshift.site.SecretRef;
import io.dayshift.site.Secrets;
import io.dayshift.site.SshEndpoint;
import io.dayshift.testing.TestSshServer;
import io.dayshift.testing.TestSshServer.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSch adapter against a real SSH server (MINA SSHD) in this JVM. */
class JschRemoteShellTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private TestSshServer server;
    private Secrets secrets;
    private JschRemoteShell shell;

    @BeforeEach
    void start() {
        server = TestSshServer.start();
        secrets = new Secrets(Map.of("TOKEN", "s3cr3t-t0ken")::get);
        shell = new JschRemoteShell(SshProperties.defaults(), secrets, call -> { });
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void runsACommandAndReturnsItsOutputAndExitStatus() {
        server.onCommand(command -> new Reply(0, "hello\n", "warning\n"));

        CommandResult result = shell.run(server.endpoint(), ShellCommand.of("juju").flag("version"), TIMEOUT);

        assertThat(result.exitStatus()).isZero();
        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout()).isEqualTo("hello\n");
        assertThat(result.stderr()).isEqualTo("warning\n");
        assertThat(result.truncated()).isFalse();
        assertThat(result.command()).isEqualTo("juju version");
        assertThat(server.commands()).containsExactly("juju version");
    }

    @Test
    void aNonZeroExitIsAResultNotAnException() {
        server.onCommand(command -> Reply.failure(2, "ERROR model not found\n"));

        CommandResult result = shell.run(server.endpoint(), ShellCommand.of("juju").flag("status"), TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(2);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stderr()).contains("model not found");
    }

    @Test
    void runsThroughARealShell() {
        server.useShell();

        CommandResult result = shell.run(server.endpoint(),
                ShellCommand.of("echo").arg(Arg.HOSTNAME, "cn01").andThen(ShellCommand.of("false")), TIMEOUT);

        assertThat(result.stdout()).isEqualTo("cn01\n");
        assertThat(result.exitStatus()).isEqualTo(1);
    }

    @Test
    void sendsInputToTheCommand() throws Exception {
        server.useShell();
        Path target = server.workDir().resolve("written.txt");

        CommandResult result = shell.runWithInput(server.endpoint(), ShellCommand.of("tee").arg(Arg.PATH, target.toString()),
                "[compute]\ncn01\n".getBytes(StandardCharsets.UTF_8), TIMEOUT);

        assertThat(result.exitStatus()).isZero();
        assertThat(Files.readString(target)).isEqualTo("[compute]\ncn01\n");
    }

    @Test
    void aCommandThatReadsInputWithoutAnyDoesNotHang() {
        server.useShell();

        CommandResult result = shell.run(server.endpoint(), ShellCommand.of("cat"), TIMEOUT);

        assertThat(result.exitStatus()).isZero();
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void aCommandOverItsTimeoutIsCancelledAndNamesHostAndCommand() throws Exception {
        server.useShell();
        Path marker = server.workDir().resolve("after-sleep");
        ShellCommand sleepThenMark = ShellCommand.of("sleep").arg(Arg.NUMBER, "30")
                .andThen(ShellCommand.of("touch").arg(Arg.PATH, marker.toString()));

        assertThatThrownBy(() -> shell.run(server.endpoint(), sleepThenMark, Duration.ofSeconds(1)))
                .isInstanceOf(RemoteCommandException.class)
                .hasMessageContaining("timed out")
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("sleep '30'");

        // The remote process (and its children) are gone, so the marker can never be written.
        assertThat(server.awaitNoRunningProcesses(Duration.ofSeconds(20))).isTrue();
        assertThat(marker).doesNotExist();
    }

    @Test
    void anUnknownHostKeyIsRefusedNamingTheHost() {
        server.onCommand(command -> Reply.ok("should not run"));
        Path empty = server.write("empty_known_hosts", "");

        assertThatThrownBy(() -> shell.run(server.endpoint(empty), ShellCommand.of("hostname"), TIMEOUT))
                .isInstanceOf(RemoteCommandException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("UNKNOWN")
                .hasMessageNotContaining("CHANGED");
        assertThat(server.commands()).isEmpty();
    }

    @Test
    void aChangedHostKeyIsRefusedNamingTheHost() {
        server.onCommand(command -> Reply.ok("should not run"));
        Path other = server.writeKnownHosts("other_known_hosts", TestSshServer.newKeyPair().getPublic());

        assertThatThrownBy(() -> shell.run(server.endpoint(other), ShellCommand.of("hostname"), TIMEOUT))
                .isInstanceOf(RemoteCommandException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("CHANGED")
                .hasMessageNotContaining("UNKNOWN");
        assertThat(server.commands()).isEmpty();
    }

    @Test
    void aMissingKnownHostsFileIsRefused(@TempDir Path tmp) {
        SshEndpoint endpoint = server.endpoint(tmp.resolve("absent"));

        assertThatThrownBy(() -> shell.run(endpoint, ShellCommand.of("hostname"), TIMEOUT))
                .isInstanceOf(RemoteCommandException.class)
                .hasMessageContaining("known_hosts")
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void aKeyTheServerDoesNotKnowFailsAuthentication() {
        SshEndpoint good = server.endpoint();
        SshEndpoint wrongUser = new SshEndpoint(good.host(), good.port(), "intruder", good.privateKey(), good.knownHosts());

        assertThatThrownBy(() -> shell.run(wrongUser, ShellCommand.of("hostname"), TIMEOUT))
                .isInstanceOf(RemoteCommandException.class)
                .hasMessageContaining("intruder@127.0.0.1")
                .hasMessageContaining("authentication failed");
    }

    @Test
    void aClosedPortIsReportedAsUnreachable() throws Exception {
        SshEndpoint endpoint = server.endpoint();
        server.close();

        assertThatThrownBy(() -> shell.run(endpoint, ShellCommand.of("hostname"), TIMEOUT))
                .isInstanceOf(RemoteCommandException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("cannot connect");
        server = TestSshServer.start(); // for @AfterEach
    }

    @Test
    void outputOverTheBoundKeepsTheTail() {
        server.useShell();
        JschRemoteShell small = new JschRemoteShell(new SshProperties(Duration.ofSeconds(15), Duration.ofSeconds(30), 4, 1024), secrets, call -> { });

        CommandResult result = small.run(server.endpoint(), ShellCommand.of("seq").arg(Arg.NUMBER, "5000"), TIMEOUT);

        assertThat(result.truncated()).isTrue();
        assertThat(result.stdout()).hasSizeLessThanOrEqualTo(1024).endsWith("4999\n5000\n").doesNotContain("\n1\n2\n");
        assertThat(result.exitStatus()).isZero();
    }

    @Test
    void outputWithinTheBoundIsComplete() {
        server.useShell();

        CommandResult result = shell.run(server.endpoint(), ShellCommand.of("seq").arg(Arg.NUMBER, "5000"), TIMEOUT);

        assertThat(result.truncated()).isFalse();
        assertThat(result.stdout()).startsWith("1\n2\n3\n").endsWith("5000\n");
    }

    @Test
    void secretsAreMaskedInMessages() {
        String token = secrets.read(SecretRef.parse("env:TOKEN"));
        server.useShell();
        ShellCommand command = ShellCommand.of("sleep").arg(Arg.NUMBER, "30").andThen(ShellCommand.of("echo").arg(Arg.KEY_VALUE, "token=" + token));

        assertThatThrownBy(() -> shell.run(server.endpoint(), command, Duration.ofMillis(500)))
                .isInstanceOf(RemoteCommandException.class)
                .hasMessageContaining("token=****")
                .hasMessageNotContaining(token);
    }

    // --- injection: every attempt is refused by Arg validation before anything is sent ---

    @ParameterizedTest
    @ValueSource(strings = {"cn01; touch x", "$(touch x)", "`touch x`", "cn01\ntouch x", "cn01' ; touch x ; '", "cn01\" ; touch x ; \"",
            "cn01 && touch x", "cn01 | touch x", "cn01 > x", "-rf", "cn01 touch x"})
    void injectionThroughAHostNameIsRefusedBeforeReachingTheShell(String attempt) throws Exception {
        server.useShell();

        for (Arg kind : List.of(Arg.HOSTNAME, Arg.APPLICATION, Arg.UNIT, Arg.WORD, Arg.MAAS_NAME, Arg.MODEL, Arg.PATH, Arg.KEY_VALUE, Arg.CHANNEL)) {
            assertThatThrownBy(() -> shell.run(server.endpoint(), ShellCommand.of("echo").arg(kind, attempt), TIMEOUT))
                    .as("kind %s", kind)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("refused");
        }
        assertThat(server.commands()).isEmpty();
        assertThat(server.workDir().resolve("x")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"key=a,b:c/d@e+f=g", "key=-n", "key=$HOME"})
    void valuesThatPassValidationAreInertInARealShell(String value) {
        server.useShell();
        if (!Arg.KEY_VALUE.accepts(value)) {
            assertThatThrownBy(() -> ShellCommand.of("echo").arg(Arg.KEY_VALUE, value)).isInstanceOf(IllegalArgumentException.class);
            return;
        }

        CommandResult result = shell.run(server.endpoint(), ShellCommand.of("echo").arg(Arg.KEY_VALUE, value), TIMEOUT);

        assertThat(result.stdout()).isEqualTo(value + "\n");
        assertThat(server.workDir().resolve("x")).doesNotExist();
    }

    @Test
    void pathsWithShellCharactersAreRefusedAndNothingIsCreated() {
        server.useShell();
        String base = server.workDir().toString();

        for (String attempt : List.of(base + "/a;touch x", base + "/$(touch x)", base + "/`touch x`", base + "/a b", base + "/../x", base + "/a|touch x")) {
            assertThatThrownBy(() -> ShellCommand.of("ls").arg(Arg.PATH, attempt)).isInstanceOf(IllegalArgumentException.class);
        }
        CommandResult allowed = shell.run(server.endpoint(), ShellCommand.of("ls").flag("-d").arg(Arg.PATH, base), TIMEOUT);
        assertThat(allowed.stdout()).isEqualTo(base + "\n");
        assertThat(server.workDir().resolve("x")).doesNotExist();
    }
}
