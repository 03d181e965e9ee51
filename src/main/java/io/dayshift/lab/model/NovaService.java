package io.dayshift.lab.model;

/**
 * A Nova service as {@code os-services} lists it: the control services of the controllers and the nova-compute
 * service of every hypervisor.
 *
 * @param uuid           its id from compute API 2.53 on
 * @param id             its integer id below 2.53
 * @param zone           {@code internal} for control services, the host's availability zone for nova-compute
 * @param disabledReason {@code ""} when none
 * @param up             its heartbeat is recent: false when its host is down or it is forced down
 */
public record NovaService(String uuid, int id, String binary, String host, String zone, boolean enabled, String disabledReason,
                          boolean forcedDown, boolean up) {
}
