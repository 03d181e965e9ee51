package io.dayshift.lab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The lab's juju refuses what the real Juju, charms and systemd refuse. */
class JujuCliTest {

    private final LabShell shell = LabShell.standard();
    private final TopologyLoader loader = new TopologyLoader();
    private final LabSite charmed = loader.load("lab-charmed", loader.readResource("lab/small-charmed.yaml"),
            MutableClock.at("2025-05-06T07:00:00Z"), LabTimings.instant());

    private ShellResult run(String line) {
        return shell.execute(new Session(charmed, "", () -> "", d -> { }), line);
    }

    @Test
    void aServiceTheUnitsCharmDoesNotHaveIsNotFoundBySystemd() {
        ShellResult named = run("juju exec -m openstack --unit nova-cloud-controller/0 -- systemctl restart nova-cloud-controller");
        ShellResult quoted = run("juju exec -m openstack --unit nova-cloud-controller/0 'systemctl restart '\\''nova-cloud-controller'\\'''");

        assertThat(named.exit()).isEqualTo(5);
        assertThat(named.stderr()).contains("Failed to restart nova-cloud-controller.service: Unit nova-cloud-controller.service not found.");
        assertThat(quoted.exit()).isEqualTo(5);
        assertThat(charmed.destructiveActions()).doesNotContainKey("restart-unit-service");
        assertThat(run("juju exec -m openstack --unit nova-cloud-controller/0 -- systemctl restart nova-scheduler").exit()).isZero();
        assertThat(charmed.destructiveActions()).containsEntry("restart-unit-service", 1L);
    }

    @Test
    void anActionTheCharmDoesNotDefineIsRefusedLikeJuju() {
        ShellResult pause = run("juju run -m openstack mysql-innodb-cluster/0 pause --format=json --wait=60s");
        ShellResult restart = run("juju run -m openstack keystone/0 restart-services services=apache2 --format=json --wait=60s");

        assertThat(pause.exit()).isEqualTo(1);
        assertThat(pause.stderr()).contains("ERROR action \"pause\" not defined on unit \"mysql-innodb-cluster/0\"");
        assertThat(restart.exit()).isEqualTo(1);
        assertThat(restart.stderr()).contains("ERROR action \"restart-services\" not defined on unit \"keystone/0\"");
    }

    @Test
    void restartServicesWantsItsServicesAndRestartsOnlyTheCharmsOwn() {
        ShellResult bare = run("juju run -m openstack rabbitmq-server/0 restart-services --format=json --wait=60s");
        ShellResult unknown = run("juju run -m openstack rabbitmq-server/0 restart-services services=rabbitmq --format=json --wait=60s");
        ShellResult known = run("juju run -m openstack rabbitmq-server/0 restart-services deferred-only=false services=rabbitmq-server "
                + "--format=json --wait=60s");

        assertThat(bare.stdout()).contains("\"status\" : \"failed\"").contains("Please specify deferred-only or services");
        assertThat(unknown.stdout()).contains("\"status\" : \"failed\"").contains("Unit rabbitmq.service not found.");
        assertThat(known.exit()).isZero();
        assertThat(known.stdout()).contains("\"status\" : \"completed\"");
        assertThat(charmed.destructiveActions()).containsEntry("juju-action-restart-services", 1L);
    }

    /** The nova-cloud-controller charm has no discover-hosts action (its actions.yaml, at 867a75c): nova-manage runs on its leader. */
    @Test
    void computeHostsAreMappedWithNovaManageOnTheCloudControllerNotWithAnActionItDoesNotHave() {
        ShellResult action = run("juju run -m openstack nova-cloud-controller/0 discover-hosts --format=json --wait=60s");
        ShellResult elsewhere = run("juju exec -m openstack --unit keystone/0 -- nova-manage cell_v2 discover_hosts --verbose");
        ShellResult onLeader = run("juju exec -m openstack --unit nova-cloud-controller/0 'nova-manage cell_v2 discover_hosts --verbose'");

        assertThat(action.exit()).isEqualTo(1);
        assertThat(action.stderr()).contains("ERROR action \"discover-hosts\" not defined on unit \"nova-cloud-controller/0\"");
        assertThat(elsewhere.exit()).isEqualTo(127);
        assertThat(elsewhere.stderr()).contains("nova-manage: command not found");
        assertThat(onLeader.exit()).isZero();
        assertThat(onLeader.stdout()).contains("Found 2 cell mappings.");
        assertThat(charmed.destructiveActions()).containsEntry("juju-exec-discover-hosts", 1L);
    }
}
