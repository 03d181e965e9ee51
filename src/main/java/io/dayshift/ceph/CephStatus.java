package io.dayshift.ceph;

/**
 * One {@code ceph -s}.
 *
 * @param health {@code HEALTH_OK}, {@code HEALTH_WARN}, {@code HEALTH_ERR}, or {@code UNREACHABLE} when the cluster did not answer
 * @param text   what the command printed (redacted, bounded)
 */
public record CephStatus(String health, String text) {

    public boolean ok() {
        return "HEALTH_OK".equals(health);
    }
}
