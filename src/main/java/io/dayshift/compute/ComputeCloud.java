package io.dayshift.compute;

import io.dayshift.site.Site;
import java.util.List;
import java.util.Optional;

/**
 * What runbooks need of a site's Nova (and of Placement for capacity). Every method takes the site
 * first, as configured under {@code dayshift.sites} (its {@code openstack} settings say which cloud),
 * and is bounded by the adapter's call timeout.
 *
 * <p>Actions only start work in the cloud and return once Nova has accepted them; whether a server
 * has settled is asked with {@link #settlement(Site, String)}, which a runbook polls behind a BPMN
 * timer. Failures are {@link ComputeCloudException}s naming the site, the host or server and the
 * operation; their messages never carry a credential.
 */
public interface ComputeCloud {

    // ---- compute services -------------------------------------------------------------------

    /** Every Nova service of the site (nova-compute, nova-conductor, nova-scheduler, ...). */
    List<ComputeService> computeServices(Site site);

    /** The {@code nova-compute} service of one host, if there is one. */
    Optional<ComputeService> computeService(Site site, String host);

    /** Disables the host's {@code nova-compute} so the scheduler avoids it, recording why. */
    ComputeService disableComputeService(Site site, String host, String reason);

    /** Enables the host's {@code nova-compute} again (clears the disabled reason). */
    ComputeService enableComputeService(Site site, String host);

    /** Marks the host's {@code nova-compute} as forced down (a fenced host), which allows evacuation. */
    ComputeService forceDownComputeService(Site site, String host);

    /**
     * Clears forced-down. Nova refuses while "done" evacuations still point at the host: its
     * nova-compute must have been restarted first (which cleans the evacuated instances up).
     */
    ComputeService unsetForcedDown(Site site, String host);

    // ---- hypervisors and capacity -----------------------------------------------------------

    /** Every hypervisor with its usage (vCPUs, RAM, disk, running VMs) and state. */
    List<Hypervisor> hypervisors(Site site);

    /**
     * The Placement inventories of a hypervisor's resource provider (VCPU, MEMORY_MB, DISK_GB):
     * totals, reservations and allocation ratios, which the hypervisor API does not report.
     */
    List<ResourceInventory> inventories(Site site, String hypervisorHostname);

    // ---- servers ----------------------------------------------------------------------------

    /** Every server on the host, of every project (all pages). */
    List<ServerSummary> serversOnHost(Site site, String host);

    /**
     * The servers of exactly that name, of every project, wherever they are (also while still in BUILD without a host):
     * how a retried step finds the server it booted before its transaction was lost.
     */
    List<ServerSummary> serversNamed(Site site, String name);

    /** One server by id, or empty if Nova does not know it. */
    Optional<ServerSummary> server(Site site, String serverId);

    /** Starts a live migration; the scheduler picks the target, block migration is "auto". */
    void liveMigrate(Site site, String serverId);

    /** Starts a live migration to the named host (block migration "auto"). */
    void liveMigrate(Site site, String serverId, String targetHost);

    /** Starts a cold migration; the scheduler picks the target. Ends in VERIFY_RESIZE, see {@link #confirmMigration}. */
    void coldMigrate(Site site, String serverId);

    /** Starts a cold migration to the named host. */
    void coldMigrate(Site site, String serverId, String targetHost);

    /** Confirms a cold migration (or resize) that waits in VERIFY_RESIZE. */
    void confirmMigration(Site site, String serverId);

    /**
     * Rebuilds the server on another host (the scheduler picks it) after its host failed; the
     * source's nova-compute must be down or forced down.
     */
    void evacuate(Site site, String serverId);

    /** Where the server is and whether its last move has finished: the check behind a runbook's timer. */
    ServerSettlement settlement(Site site, String serverId);

    /** Boots a small server, pinned to a host when the request names one. Returns its id at once (status BUILD). */
    String bootServer(Site site, ServerRequest request);

    /** Deletes the server; a server that is already gone is not an error. */
    void deleteServer(Site site, String serverId);

    // ---- capacity planning (drain-compute-node) ---------------------------------------------

    /**
     * Every server on the host, of every project (all pages), with its flavor's resources and its availability zone
     * (compute 2.47: the flavor embedded in the server).
     */
    List<ServerDetail> serverDetailsOnHost(Site site, String host);

    /** Every server group of every project, with its policy and members. */
    List<ServerGroup> serverGroups(Site site);

    /** Every host aggregate, with its hosts and metadata (what flavors' extra specs can pin instances to). */
    List<HostAggregate> aggregates(Site site);

    /** What the allocations on a hypervisor's resource provider use, per resource class (Placement usages). */
    List<ResourceUsage> usages(Site site, String hypervisorHostname);
}
