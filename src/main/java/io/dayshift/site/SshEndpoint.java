package io.dayshift.site;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How Dayshift reaches one host over SSH: key authentication only, and the host key checked against
 * the given known_hosts file.
 */
public record SshEndpoint(String host, int port, String user, Path privateKey, Path knownHosts) {

    public SshEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKey, "private-key");
        Objects.requireNonNull(knownHosts, "known-hosts");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("SSH port out of range: " + port);
        }
    }

    /** {@code user@host:port}, for messages. */
    public String display() {
        return user + "@" + host + (port == 22 ? "" : ":" + port);
    }
}
