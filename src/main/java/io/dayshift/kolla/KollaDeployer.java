package io.dayshift.kolla;

import io.dayshift.site.Site;
import java.util.List;
import java.util.Optional;

/**
 * What runbooks need of a Kolla-Ansible site: run kolla-ansible on the site's deployer against its inventory, and
 * make the few file edits a runbook needs (a host in an inventory group, {@code openstack_release} in globals.yml),
 * each safely: a backup copy first, a write through a temporary file and a rename, and a check afterwards.
 *
 * <p>kolla-ansible runs for minutes to hours, longer than a job may hold its lock, so it is never waited for: a step
 * {@link #start starts} it in the background on the deployer and returns at once, and later steps {@link #check check}
 * it (start, timer, check, gateway loop, with a boundary timer as the deadline).
 */
public interface KollaDeployer {

    /**
     * Starts an action in the background on the deployer and returns at once. Safe to repeat: when run {@code runId}
     * exists already (started by an earlier try of the same step, or by a job running the same step concurrently), nothing
     * is started and the existing run's handle is returned, whether that run is still going or has ended.
     *
     * <p>{@code runId} names the step, not the attempt: the same for every retry of one step (a process instance id and an
     * activity id, plus a loop counter inside a loop). To run an action again after a failed or lost run, use a new run id.
     *
     * @param limit hosts for {@code --limit}; empty for all. Refused for actions that do not take a limit.
     * @param runId letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit, at most 101
     * @throws KollaRunConflictException when {@code runId} is taken by a run of another command line
     * @throws IllegalArgumentException  when the run id, a host name or the limit is refused
     */
    KollaRunHandle start(Site site, KollaAction action, List<String> limit, String runId);

    /**
     * Where a started run is: {@link KollaRunStatus#RUNNING}; {@link KollaRunStatus#FINISHED} with its {@link KollaRun}
     * (a run that ended badly is a result with its outcome and evidence, not an exception: the process decides); or
     * {@link KollaRunStatus#LOST} when it ended without an exit code or its run directory is gone.
     */
    KollaRunState check(Site site, KollaRunHandle handle);

    /** Adds {@code host} to inventory group {@code group} (e.g. {@code compute}); nothing is written when it is already there. */
    FileChange addHost(Site site, String group, String host);

    /** Removes {@code host} from inventory group {@code group}; nothing is written when it is not there. */
    FileChange removeHost(Site site, String group, String host);

    /** Whether {@code host} is listed in inventory group {@code group}. */
    boolean inventoryHasHost(Site site, String group, String host);

    /** {@code openstack_release} of globals.yml, if set (commented lines do not count). */
    Optional<String> openstackRelease(Site site);

    /** Sets {@code openstack_release} in globals.yml (for an upgrade or its rollback). */
    FileChange setOpenstackRelease(Site site, String release);

    // ---- nodes, through Ansible ad-hoc commands on the deployer (read-only) -----------------------------------------

    /**
     * The containers on each node of {@code hostPattern} (inventory host names and groups separated by commas, e.g.
     * {@code baremetal,loadbalancer} or {@code cn03}): {@code ansible <pattern> -i <inventory> -m command -a 'docker ps -a'}
     * run on the deployer. A node that cannot be reached, or whose command fails, is a result with a problem, not an
     * exception.
     */
    List<HostContainers> containers(Site site, String hostPattern);

    /**
     * The last {@code lines} lines (1 to 10,000) of {@code container}'s log on each of {@code hosts}:
     * {@code ansible <hosts> -i <inventory> -m command -a 'docker logs --tail <lines> <container>'} run on the deployer.
     */
    List<ContainerLog> containerLogTail(Site site, List<String> hosts, String container, int lines);

    /**
     * Each MariaDB node's view of the Galera cluster: {@code ansible mariadb -i <inventory> --become -m command -a 'docker exec
     * mariadb sh -c <query>'} run on the deployer, the query running as the user of the container's own health check with the
     * credentials Kolla put into the container (none on a command line). A node that cannot be reached or asked is a result with
     * a problem, not an exception.
     */
    List<GaleraNode> galeraStatus(Site site);

    /**
     * Restarts one container on one node: {@code ansible <host> -i <inventory> --become -m command -a 'docker restart <container>'}
     * run on the deployer (the incident runbook's mitigation).
     *
     * @return what the node answered; a node that cannot be reached, or a restart docker refuses, is a result with a problem
     */
    ContainerLog restartContainer(Site site, String host, String container);

    // ---- add-compute-node ----------------------------------------------------------------------

    /**
     * Maps new compute hosts to their cell: {@code nova-manage cell_v2 discover_hosts --by-service --verbose} in the
     * {@code nova_conductor} container of the first host of the inventory's {@code nova-conductor} group, run from the
     * deployer with an Ansible ad-hoc command (as kolla-ansible's nova-cell role does). Safe to repeat: hosts mapped
     * already are not mapped again.
     *
     * @throws KollaException when the controller cannot be reached or the command fails there
     */
    HostDiscovery discoverComputeHosts(Site site);

    // ---- dr-restore ------------------------------------------------------------------------------

    /**
     * Restores a mariabackup chain as Kolla's documentation does it by hand, on the node Kolla's {@code mariadb_backup} writes
     * to ({@code mariadb[0]}: the first host of the inventory's {@code mariadb} group), in the background like {@link #start}:
     * {@code ansible mariadb[0] -i <inventory> --become -m command -a 'docker run --rm --volumes-from mariadb --volume
     * mariadb_backup:/backup <its mariadb image> bash -c <for each file: gunzip | mbstream -x; mariabackup --prepare (the full),
     * then --prepare --incremental-dir (each incremental, in order); empty the datadir; mariabackup --copy-back> <files>'}.
     * Refused while that node's {@code mariadb} container runs (stop it first). Safe to repeat like {@link #start}: the run id
     * names the step.
     *
     * @param chain the file names in the {@code mariadb_backup} volume: the full backup first, e.g. {@code
     *              mysqlbackup-21-11-2026-1763683200.qp.xbc.xbs.gz}, then the incrementals built on it, oldest first
     * @throws KollaException when the node cannot be listed, has no mariadb container, or it is running
     */
    KollaRunHandle startMariaDbRestore(Site site, List<String> chain, String runId);

    /**
     * {@code kolla-ansible mariadb_recovery -e mariadb_recover_inventory_name=<mariadb[0]>} in the background: bootstraps the
     * Galera cluster from the node that holds the restored data; the others rejoin by state transfer.
     */
    KollaRunHandle startMariaDbRecovery(Site site, String runId);

    /**
     * Puts the deployment's configuration directory ({@code config-dir}, e.g. {@code /etc/kolla}: globals.yml, passwords.yml,
     * the inventory, service overrides) back from a backup archive on the deployer made with {@code tar -czf <archive>
     * /etc/kolla} (members {@code etc/kolla/…}). Checks first that every member lies inside that directory, then keeps the
     * current directory as {@code <config-dir>.dayshift-<stamp>.tar.gz} and unpacks the archive over it, as root, so owners
     * and modes come back too. Safe to repeat. Secrets (passwords.yml) move host-side only.
     *
     * @return the directory, and the archive of what it held before
     * @throws KollaException when the archive is missing, unreadable, or holds members outside the directory
     */
    FileChange restoreConfiguration(Site site, String archive);
}
