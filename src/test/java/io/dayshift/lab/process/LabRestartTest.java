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
 * the same SSH ports, keys and credentials, so the files the service reads stay true, and its sites as it left them;
 * {@code --fresh} forgets it all.
 */
class LabRestartTest {

    private final Path directory = LabTests.tempDirectory("lab-restart-");

    @Test
    void startedAgainInItsDirectoryItAnswersOnTheSamePortsWithTheSameKeysAndCredentials() throws Exception {
        // given a lab that keeps its state, started once, a compute service disabled and a file left on a backup store, stopped
        Seen first;
        try (LabSites lab = start(true)) {
            first = Seen.of(lab);
            lab.require("lab").nova().disableComputeService("cn03", "PSU swap");
            lab.backupStore("lab").kolla().writeFile(LabSites.BACKUP_STORE_PATH + "/set-1/maas.dump", "dump");
        }

        // when it starts again in the same directory
        Seen second;
        try (LabSites lab = start(true)) {
            second = Seen.of(lab);
        }

        // then everything a service was given is as it was (the lab process listens on its last port again), and so is each
        // site, its counts and its backup store
        assertThat(second).isEqualTo(first);
        assertThat(LabSites.portOfLastStart(directory)).contains(4711);
        assertThat(LabProcess.Options.parse("--dir", directory.toString()).onPortOfLastStart().port()).isEqualTo(4711);
        try (LabSites lab = start(true)) {
            assertThat(lab.require("lab").nova().hypervisors()).filteredOn(h -> h.hostname().equals("cn03")).singleElement()
                    .satisfies(h -> assertThat(h.disabledReason()).isEqualTo("PSU swap"));
            assertThat(lab.require("lab").destructiveActionsByTarget()).containsEntry("disable-compute-service", Map.of("cn03", 1L));
            assertThat(lab.backupStore("lab").kolla().file(LabSites.BACKUP_STORE_PATH + "/set-1/maas.dump")).isPresent();
        }
        // and what it keeps is readable by its owner only
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(LabSites.IDENTITY_FILE)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("ssh_host_ecdsa_key")))).isEqualTo("rw-------");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(LabSites.STATE_DIRECTORY).resolve("lab.json"))))
                .isEqualTo("rw-------");

        // and after --fresh it begins anew: new credentials, keys and ports, the sites as their topology has them
        LabProcess.forget(directory);
        try (LabSites lab = start(true)) {
            Seen fresh = Seen.of(lab);
            assertThat(lab.require("lab").destructiveActions()).isEmpty();
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
