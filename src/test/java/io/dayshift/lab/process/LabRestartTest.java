package io.dayshift.lab.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.lab.LabProperties;
import io.dayshift.lab.LabSites;
import io.dayshift.site.Site;
import io.dayshift.testing.LabTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A lab that keeps its state (the lab process) is, started again in its directory, the lab a service was set up for:
 * the same SSH ports, keys and credentials, so the files the service reads stay true; {@code --fresh} forgets it all.
 */
class LabRestartTest {

    private final Path directory = LabTests.tempDirectory("lab-restart-");

    @Test
    void startedAgainInItsDirectoryItAnswersOnTheSamePortsWithTheSameKeysAndCredentials() throws Exception {
        // given a lab that keeps its state, started once and stopped
        Seen first;
        try (LabSites lab = start(true)) {
            first = Seen.of(lab);
        }

        // when it starts again in the same directory
        Seen second;
        try (LabSites lab = start(true)) {
            second = Seen.of(lab);
        }

        // then everything a service was given is as it was, and the identity is readable by its owner only
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(LabSites.IDENTITY_FILE)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("ssh_host_ecdsa_key")))).isEqualTo("rw-------");

        // and after --fresh it begins anew: new credentials, keys and ports
        LabProcess.forget(directory);
        try (LabSites lab = start(true)) {
            Seen fresh = Seen.of(lab);
            assertThat(fresh.password()).isNotEqualTo(first.password());
            assertThat(fresh.maasKeys()).doesNotContainAnyElementsOf(first.maasKeys());
            assertThat(fresh.clientKey()).isNotEqualTo(first.clientKey());
            assertThat(fresh.knownHosts()).isNotEqualTo(first.knownHosts());
        }
    }

    @Test
    void theInProcessLabBeginsAnewAtEveryStart() throws Exception {
        Seen first;
        try (LabSites lab = start(false)) {
            first = Seen.of(lab);
        }
        try (LabSites lab = start(false)) {
            assertThat(Seen.of(lab).password()).isNotEqualTo(first.password());
        }
        assertThat(directory.resolve(LabSites.IDENTITY_FILE)).doesNotExist();
    }

    private LabSites start(boolean keepState) {
        return LabSites.start(new LabProperties(true, directory, 0, Map.of(), "dayshift", "http://127.0.0.1:4711/lab/openstack/{site}/identity/v3",
                "http://127.0.0.1:4711/lab/maas/{site}/MAAS", LabProperties.DEFAULT_SITES, null, keepState), Clock.systemUTC(), d -> { });
    }

    /** What a service set up for the lab depends on. */
    private record Seen(String password, List<String> maasKeys, List<Integer> sshPorts, List<Site> sites, String clientKey, String knownHosts,
                        String cloudsYaml) {

        static Seen of(LabSites lab) throws Exception {
            return new Seen(lab.openstackPassword(), lab.all().stream().map(site -> lab.maasApiKey(site.name())).toList(),
                    lab.all().stream().map(site -> lab.sshPort(site.name())).toList(), lab.siteConfigurations(),
                    Files.readString(lab.directory().resolve("id_ecdsa")), Files.readString(lab.directory().resolve("known_hosts")),
                    Files.readString(lab.directory().resolve("clouds.yaml")));
        }
    }
}
