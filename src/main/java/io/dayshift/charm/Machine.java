package io.dayshift.charm;

/**
 * A machine (or container) of the model.
 *
 * @param id               {@code 7} or {@code 7/lxd/2}
 * @param jujuStatus       the machine agent: started, pending, down, error
 * @param machineStatus    the provider's view: running, pending, allocating, provisioning error…
 * @param instanceId       on MAAS the machine's system_id ({@code ""} until allocated)
 * @param hostname         {@code ""} until known
 * @param availabilityZone from {@code hardware}'s {@code availability-zone=}, {@code ""} if none
 * @param hardware         the raw hardware string ({@code arch=amd64 cores=2 mem=4096M …})
 * @param constraints      the machine's constraints ({@code tags=openstack-compute}), {@code ""} if none
 */
public record Machine(String id, EntityStatus jujuStatus, EntityStatus machineStatus, String instanceId, String hostname,
                      String availabilityZone, String hardware, String constraints) {

    public boolean started() {
        return jujuStatus.is("started");
    }

    /** The provider could not give Juju a machine (on MAAS typically: no machine matches the constraints). */
    public boolean provisioningFailed() {
        return machineStatus.is("provisioning error") || jujuStatus.is("error");
    }
}
