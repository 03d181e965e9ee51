package io.dayshift.charm;

import io.dayshift.charm.ServiceRestart.Way;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which charms can have their services restarted, and how: a small table read from the charms' own sources, never guessed.
 * A charm not listed is not restarted by Dayshift: an operator does it by hand.
 *
 * <p>Sources (repository @ commit : file):
 * <ul>
 *   <li>{@code restart-services} with its {@code deferred-only} / {@code services} / {@code run-hooks} parameters, where the
 *       action refuses to run without {@code services} or {@code deferred-only}: openstack/charm-rabbitmq-server @ 2ad1f5d :
 *       actions.yaml, actions/actions.py {@code restart()}, service {@code rabbitmq-server} from hooks/rabbit_utils.py
 *       {@code restart_map()}; canonical/charm-ovn-central @ edd0787 : src/actions.yaml, service {@code ovn-central} from
 *       src/lib/charm/openstack/ovn_central.py {@code services}.</li>
 *   <li>{@code pause} and {@code resume}, no {@code restart-services}: actions.yaml of openstack/charm-nova-compute @ 77f2e9e,
 *       charm-nova-cloud-controller @ 867a75c, charm-keystone @ de9baff, charm-neutron-api @ 4102c08, charm-glance @ b73b374,
 *       charm-cinder @ 0e1e5d8, charm-openstack-dashboard @ 4832954; charm-placement @ e0abd7a gets them from
 *       layer:openstack-api (openstack/charm-layer-openstack actions.yaml).</li>
 *   <li>Neither action in the charm's own actions: openstack/charm-mysql-innodb-cluster @ 342d84b : src/actions.yaml, which
 *       declares service {@code mysql} (src/lib/charm/openstack/mysql_innodb_cluster.py {@code services}); openstack/charm-ceph-osd
 *       @ 71c909a : actions.yaml (its start/stop actions stop OSDs for maintenance), which restarts {@code ceph-osd.target}
 *       (hooks/ceph_hooks.py).</li>
 *   <li>Left out on purpose: vault (charm-vault @ 5a0c525 has pause/resume, but a restarted Vault comes back sealed and needs
 *       its unseal keys); ceph-mon (no restart action; its unit {@code ceph-mon@<host>} is per machine); subordinates.</li>
 * </ul>
 */
public final class CharmRestarts {

    private static final Map<String, ServiceRestart> BY_CHARM = Map.ofEntries(
            restartServices("rabbitmq-server", "rabbitmq-server"),
            restartServices("ovn-central", "ovn-central"),
            pauseResume("nova-compute"), pauseResume("nova-cloud-controller"), pauseResume("keystone"), pauseResume("neutron-api"),
            pauseResume("glance"), pauseResume("cinder"), pauseResume("openstack-dashboard"), pauseResume("placement"),
            systemd("mysql-innodb-cluster", "mysql"),
            systemd("ceph-osd", "ceph-osd.target"));

    private CharmRestarts() {
    }

    /** How a unit of {@code charm} is restarted, or empty when Dayshift does not restart that charm. */
    public static Optional<ServiceRestart> of(String charm) {
        return Optional.ofNullable(BY_CHARM.get(charm));
    }

    private static Map.Entry<String, ServiceRestart> restartServices(String charm, String... services) {
        return Map.entry(charm, new ServiceRestart(charm, Way.RESTART_SERVICES_ACTION, List.of(services)));
    }

    private static Map.Entry<String, ServiceRestart> pauseResume(String charm) {
        return Map.entry(charm, new ServiceRestart(charm, Way.PAUSE_RESUME, List.of()));
    }

    private static Map.Entry<String, ServiceRestart> systemd(String charm, String... services) {
        return Map.entry(charm, new ServiceRestart(charm, Way.SYSTEMD, List.of(services)));
    }
}
