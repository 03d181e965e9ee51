package io.dayshift.lab.ssh;

import io.dayshift.lab.model.LabSite;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lab's SSH hosts as the hosts of a site reach them ({@code scp … user@host:path} run on a site's host): each an address
 * and port, the one user it lets in (the key of root on the site's hosts is authorised for it), and the model holding its files.
 */
public final class LabHosts {

    /** One host: who may log in, and its files. */
    public record Peer(String user, LabSite files) {
    }

    private final Map<String, Peer> peers = new ConcurrentHashMap<>();

    public void register(String host, int port, String user, LabSite files) {
        peers.put(host + ":" + port, new Peer(user, files));
    }

    public Optional<Peer> find(String host, int port) {
        return Optional.ofNullable(peers.get(host + ":" + port));
    }
}
