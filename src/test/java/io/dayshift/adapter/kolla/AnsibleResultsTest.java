package io.dayshift.adapter.kolla;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.kolla.HostRecap;
import io.dayshift.kolla.KollaOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PLAY RECAP and exit codes of ansible-playbook, on recorded outputs of the default callback. */
class AnsibleResultsTest {

    static String fixture(String name) {
        try (InputStream in = AnsibleResultsTest.class.getResourceAsStream("/fixtures/ansible/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsASuccessfulRecapWithRescuedAndIgnoredTasks() {
        Map<String, HostRecap> recap = AnsibleResults.recap(fixture("play-recap-success-rescued-ignored.stdout"));

        assertThat(recap).containsExactly(Map.entry("testhost", new HostRecap("testhost", 19, 11, 0, 0, 4, 1, 2)));
        assertThat(recap.get("testhost").troubled()).isFalse();
        assertThat(AnsibleResults.outcome(0, recap)).isEqualTo(KollaOutcome.SUCCEEDED);
    }

    @Test
    void readsAFailedHost() {
        Map<String, HostRecap> recap = AnsibleResults.recap(fixture("play-recap-task-failed.stdout"));

        assertThat(recap.get("testhost")).isEqualTo(new HostRecap("testhost", 0, 0, 0, 1, 0, 0, 0));
        assertThat(recap.get("testhost").troubled()).isTrue();
        assertThat(AnsibleResults.outcome(2, recap)).isEqualTo(KollaOutcome.HOSTS_FAILED);
    }

    @Test
    void stderrHasNoRecap() {
        assertThat(AnsibleResults.recap(fixture("play-recap-task-failed.stderr"))).isEmpty();
    }

    @Test
    void readsTheLastRecapOfSeveralPlaybooksAndIgnoresColour() {
        String output = """
                PLAY RECAP *********************************************************************
                cn01                       : ok=1    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   \s

                PLAY [Apply role nova] ***
                TASK [nova : Check] ***
                PLAY RECAP *********************************************************************
                \u001B[0;32mcn01\u001B[0m                       : \u001B[0;32mok=12  \u001B[0m changed=3    unreachable=0    failed=0    skipped=2    rescued=0    ignored=0
                \u001B[0;31mcn02\u001B[0m                       : ok=0    changed=0    \u001B[1;31munreachable=1   \u001B[0m failed=0    skipped=0    rescued=0    ignored=0
                """;

        Map<String, HostRecap> recap = AnsibleResults.recap(output);

        assertThat(recap).containsOnlyKeys("cn01", "cn02");
        assertThat(recap.get("cn01").ok()).isEqualTo(12);
        assertThat(recap.get("cn02").unreachable()).isEqualTo(1);
        assertThat(AnsibleResults.outcome(4, recap)).isEqualTo(KollaOutcome.HOSTS_UNREACHABLE);
    }

    @ParameterizedTest
    @CsvSource({"0, SUCCEEDED", "1, HOSTS_FAILED", "2, HOSTS_FAILED", "4, PARSE_ERROR", "5, BAD_OPTIONS", "6, BAD_OPTIONS", "99, INTERRUPTED",
            "250, UNEXPECTED_ERROR", "255, UNKNOWN", "3, UNKNOWN"})
    void mapsExitCodesWithoutUnreachableHosts(int exit, KollaOutcome outcome) {
        assertThat(AnsibleResults.outcome(exit, AnsibleResults.recap(fixture("play-recap-task-failed.stdout")))).isEqualTo(outcome);
    }

    @Test
    void exitOneIsAnErrorUnlessTheRecapShowsTroubledHostsAsTheBashCliReportsThem() {
        // kolla-ansible before 20.x: "Command failed ansible-playbook …" and exit 1, whatever ansible-playbook exited with
        String unreachable = """
                PLAY RECAP *********************************************************************
                cn01                       : ok=12   changed=3    unreachable=0    failed=1    skipped=2    rescued=0    ignored=0  \s
                cn02                       : ok=0    changed=0    unreachable=1    failed=0    skipped=0    rescued=0    ignored=0  \s
                Command failed ansible-playbook -e @/etc/kolla/globals.yml  -e @/etc/kolla/passwords.yml -e CONFIG_DIR=/etc/kolla  -e kolla_action=deploy /usr/local/share/kolla-ansible/ansible/site.yml  --inventory /etc/kolla/multinode
                """;

        assertThat(AnsibleResults.outcome(1, Map.of())).isEqualTo(KollaOutcome.ERROR);
        assertThat(AnsibleResults.outcome(1, AnsibleResults.recap(fixture("play-recap-success-rescued-ignored.stdout")))).isEqualTo(KollaOutcome.ERROR);
        assertThat(AnsibleResults.outcome(1, AnsibleResults.recap(fixture("play-recap-task-failed.stdout")))).isEqualTo(KollaOutcome.HOSTS_FAILED);
        assertThat(AnsibleResults.outcome(1, AnsibleResults.recap(unreachable))).isEqualTo(KollaOutcome.HOSTS_UNREACHABLE);
    }

    @Test
    void exitFourWithoutAnyRecapIsAParseError() {
        assertThat(AnsibleResults.outcome(4, Map.of())).isEqualTo(KollaOutcome.PARSE_ERROR);
    }
}
