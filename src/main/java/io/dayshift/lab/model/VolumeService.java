package io.dayshift.lab.model;

/**
 * A Cinder service.
 *
 * @param binary {@code cinder-scheduler}, {@code cinder-volume}
 * @param host   {@code cc01} or, for cinder-volume, {@code cc01@rbd-1}
 * @param up     as shown: false when its node is down or a {@link FaultType#VOLUME_SERVICE_DOWN} fault applies
 */
public record VolumeService(String binary, String host, String zone, boolean enabled, boolean up) {

    /** The node: the host without its {@code @backend}. */
    public String node() {
        int at = host.indexOf('@');
        return at < 0 ? host : host.substring(0, at);
    }
}
