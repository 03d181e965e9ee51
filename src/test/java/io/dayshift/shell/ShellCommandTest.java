package io.dayshift.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Arg patterns, quoting (checked against a real /bin/sh) and command building. */
class ShellCommandTest {

    @ParameterizedTest(name = "{0} accepts {1}")
    @CsvSource({
            "HOSTNAME, cn01", "HOSTNAME, cn01.example.org", "HOSTNAME, 10-0-0-1",
            "APPLICATION, nova-compute", "APPLICATION, ceph-osd",
            "UNIT, nova-compute/3", "UNIT, mysql-innodb-cluster/0",
            "MACHINE, 7", "MACHINE, 7/lxd/2",
            "MODEL, openstack", "MODEL, ctrl:admin/openstack",
            "CHANNEL, 2024.1/stable", "CHANNEL, latest/edge", "CHANNEL, ussuri/stable/hotfix",
            "RELEASE, 2024.1", "RELEASE, caracal",
            "WORD, openstack-upgrade", "WORD, mariadb_backup",
            "KEY_VALUE, action-managed-upgrade=true", "KEY_VALUE, openstack-origin=cloud:focal-victoria", "KEY_VALUE, tags=",
            "PATH, /etc/kolla/globals.yml", "PATH, /", "PATH, /etc/kolla/multinode.dayshift-20250101T120000Z",
            "MAAS_NAME, thr3am", "MAAS_NAME, openstack-compute", "MAAS_NAME, _private",
            "NUMBER, 0", "NUMBER, 123456789",
            "HOST_LIST, cn05", "HOST_LIST, 'cn05,cn06.example.org'"})
    void acceptsValidValues(Arg kind, String value) {
        assertThat(kind.accepts(value)).isTrue();
        assertThat(kind.check(value)).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource({
            "HOSTNAME, -cn01", "HOSTNAME, cn01..example", "HOSTNAME, cn_01", "HOSTNAME, ''",
            "APPLICATION, Nova", "APPLICATION, nova--compute", "APPLICATION, nova-compute/0", "APPLICATION, -x",
            "UNIT, nova-compute", "UNIT, nova-compute/x", "UNIT, nova-compute/1234567",
            "MACHINE, 7/docker/1", "MACHINE, a", "MACHINE, -1",
            "MODEL, Open", "MODEL, -m",
            "CHANNEL, stable", "CHANNEL, 2024.1/daily", "CHANNEL, /stable",
            "RELEASE, 2024.3", "RELEASE, 1999.1", "RELEASE, Caracal",
            "WORD, -rf", "WORD, Deploy", "WORD, two words",
            "KEY_VALUE, =x", "KEY_VALUE, key", "KEY_VALUE, Key=x", "KEY_VALUE, key=a b",
            "PATH, etc/kolla", "PATH, /etc/../root", "PATH, /etc/kolla/..", "PATH, /a b", "PATH, ~/x",
            "MAAS_NAME, -rf", "MAAS_NAME, a.b", "MAAS_NAME, ''",
            "NUMBER, -1", "NUMBER, 1e3", "NUMBER, 1234567890",
            "HOST_LIST, 'cn05,'", "HOST_LIST, ',cn05'", "HOST_LIST, 'cn05 cn06'", "HOST_LIST, 'cn05;cn06'", "HOST_LIST, -cn05"})
    void refusesInvalidValues(Arg kind, String value) {
        assertThat(kind.accepts(value)).isFalse();
        assertThatThrownBy(() -> kind.check(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refused")
                .hasMessageContaining(kind.description());
    }

    @Test
    void nullIsRefusedByEveryKind() {
        for (Arg kind : Arg.values()) {
            assertThat(kind.accepts(null)).as("%s", kind).isFalse();
            assertThatThrownBy(() -> kind.check(null)).hasMessageContaining("missing");
        }
    }

    @Test
    void refusalShowsControlCharactersEscaped() {
        assertThatThrownBy(() -> Arg.HOSTNAME.check("cn01\ntouch x"))
                .hasMessageContaining("\"cn01\\ntouch x\"");
    }

    @Test
    void quotingWrapsInSingleQuotesAndEscapesThem() {
        assertThat(ShellQuoting.quote("cn01")).isEqualTo("'cn01'");
        assertThat(ShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuoting.quote("")).isEqualTo("''");
        assertThatThrownBy(() -> ShellQuoting.quote("a\nb")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> ShellQuoting.quote(null)).hasMessageContaining("null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn01; touch x", "$(touch x)", "`touch x`", "a' ; touch x ; '", "a\" ; touch x ; \"", "a && touch x",
            "a | touch x", "a > x", "'", "''", "\\", "$HOME", "*", "!!", "-n"})
    void aQuotedValueIsOneInertWordForARealShell(String value, @TempDir Path dir) throws Exception {
        String line = "printf '%s|' " + ShellQuoting.quote(value);

        String printed = sh(line, dir);

        assertThat(printed).isEqualTo(value + "|");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void commandsAreBuiltFromLiteralsAndQuotedArguments() {
        ShellCommand command = ShellCommand.of("juju").flag("status").flag("-m").arg(Arg.MODEL, "openstack").flag("--format=json");

        assertThat(command.render()).isEqualTo("juju status -m 'openstack' --format=json");
        assertThat(command.withSudo().render()).isEqualTo("sudo -n juju status -m 'openstack' --format=json");
        assertThat(ShellCommand.of("cp").flag("-p").arg(Arg.PATH, "/a").arg(Arg.PATH, "/b").andThen(ShellCommand.of("true")).render())
                .isEqualTo("cp -p '/a' '/b' && true");
        assertThat(command).isEqualTo(ShellCommand.of("juju").flag("status").flag("-m").arg(Arg.MODEL, "openstack").flag("--format=json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"juju;", "Juju", "rm -rf", "$(x)", "", "juju status"})
    void programNamesAreLiterals(String program) {
        assertThatThrownBy(() -> ShellCommand.of(program)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--x;y", "a b", "--format=json;x", "$(x)", "`x`", "--a='b'", "", ">", "&&"})
    void flagsAreLiterals(String flag) {
        assertThatThrownBy(() -> ShellCommand.of("juju").flag(flag)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String sh(String line, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", line).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
