package io.dayshift.compute;

import java.util.Objects;
import java.util.Optional;

/**
 * A small server to boot, e.g. for a smoke test of a host that returns to service.
 *
 * @param name      display name
 * @param flavorId  flavor id
 * @param imageId   image id
 * @param host      pin it to this compute host (needs admin rights), or let the scheduler choose
 * @param networkId attach it to this network, or boot it without a network
 */
public record ServerRequest(String name, String flavorId, String imageId, Optional<String> host, Optional<String> networkId) {

    public ServerRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flavorId, "flavorId");
        Objects.requireNonNull(imageId, "imageId");
        host = host == null ? Optional.empty() : host;
        networkId = networkId == null ? Optional.empty() : networkId;
    }
}
