package io.dayshift.kolla;

/**
 * One container on a node, as {@code docker ps -a} shows it.
 *
 * @param name    {@code nova_compute}
 * @param image   {@code quay.io/openstack.kolla/nova-compute:2023.2-ubuntu-jammy}
 * @param status  docker's words: {@code Up 3 days (healthy)}, {@code Exited (1) 2 minutes ago}, {@code Restarting (1) 5 seconds ago}
 * @param running up, and not restarting
 */
public record NodeContainer(String name, String image, String status, boolean running) {

    /** Up, but its health check fails ({@code Up 2 hours (unhealthy)}). */
    public boolean unhealthy() {
        return status.contains("(unhealthy)");
    }
}
