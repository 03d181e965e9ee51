package io.dayshift.lab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.lab.model.Container;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.shell.MariaDbCommands;
import io.dayshift.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lab recognises Dayshift's MariaDB commands as the production builders render them ({@link MariaDbCommands}), not
 * from copies, and still refuses what the real node would not run: another container, option or script, another image,
 * a value the builder itself refuses.
 */
class DayshiftCommandsTest {

    private static final String NIGHTLY = "mysqlbackup-nightly.qp.xbc.xbs.gz";

    private final LabShell shell = LabShell.standard();
    private final TopologyLoader loader = new TopologyLoader();
    private final LabSite kolla = loader.load("lab", loader.readResource("lab/small-kolla.yaml"), MutableClock.at("2026-11-02T01:30:00Z"),
            LabTimings.instant());

    private ShellResult run(String line) {
        return shell.execute(new Session(kolla, "cc01", () -> "", d -> { }), line);
    }

    private String mariadbImage() {
        return kolla.kolla().containers("cc01").stream().filter(c -> c.name().equals("mariadb")).map(Container::image).findFirst().orElseThrow();
    }

    @Test
    void theRestoreDayshiftBuildsRunsAndRestoresTheChain() {
        ShellResult restore = run(MariaDbCommands.restoreFromBackup(mariadbImage(), List.of(NIGHTLY)).render());

        assertThat(restore.exit()).as(restore.stderr()).isZero();
        assertThat(restore.stdout()).endsWith("restored " + NIGHTLY + " into /var/lib/mysql\n");
        assertThat(kolla.backup().restoredMariaBackups()).containsExactly(NIGHTLY);
        assertThat(kolla.destructiveActions()).containsEntry("mariadb-restore", 1L);
    }

    @Test
    void aRestoreOtherThanDayshiftsIsRefusedAndRestoresNothing() {
        String restore = MariaDbCommands.restoreFromBackup(mariadbImage(), List.of(NIGHTLY)).render();

        assertThat(run(restore.replace("--user root", "--user root --privileged")).exit()).isEqualTo(125);
        assertThat(run(restore.replace("mariabackup --copy-back", "mariabackup --copy-back --force-non-empty-directories")).exit()).isEqualTo(125);
        assertThat(run(restore.replace("dayshift-restore", "dayshift-restore-all")).exit()).isEqualTo(125);
        assertThat(run(restore.substring(0, restore.lastIndexOf(" dayshift-restore")) + " dayshift-restore").exit()).as("no backup named").isEqualTo(125);
        assertThat(run(restore.replace("'" + NIGHTLY + "'", "'../" + NIGHTLY + "'")).exit()).as("a file name Dayshift refuses").isEqualTo(125);
        assertThat(kolla.destructiveActions()).doesNotContainKey("mariadb-restore");
    }

    @Test
    void aRestoreInAnotherImageIsRefusedAsDockerWould() {
        ShellResult restore = run(MariaDbCommands.restoreFromBackup("quay.io/openstack.kolla/mariadb-server:2099.1-ubuntu-noble", List.of(NIGHTLY)).render());

        assertThat(restore.exit()).isEqualTo(125);
        assertThat(restore.stderr()).startsWith("Unable to find image 'quay.io/openstack.kolla/mariadb-server:2099.1-ubuntu-noble' locally");
    }

    @Test
    void theGaleraQueryDayshiftBuildsIsAnsweredAndAnyOtherCommandInTheContainerRefused() {
        String query = MariaDbCommands.wsrepStatus().render();

        ShellResult status = run(query);

        assertThat(status.exit()).as(status.stderr()).isZero();
        assertThat(status.stdout()).contains("wsrep_cluster_status\tPrimary\n");
        assertThat(run(query.replace("wsrep_cluster_size", "wsrep_provider_options")).exit()).isEqualTo(126);
        assertThat(run("docker exec mariadb sh -c 'cat /etc/mysql/my.cnf'").exit()).isEqualTo(126);
    }
}
