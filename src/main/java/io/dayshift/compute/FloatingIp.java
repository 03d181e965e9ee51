package io.dayshift.compute;

import java.util.Optional;

/** A floating IP; {@code portId} is set when it is associated. */
public record FloatingIp(String id, String address, String projectId, String status, Optional<String> portId, Optional<String> fixedAddress) {

    public boolean associated() {
        return portId.isPresent();
    }
}
