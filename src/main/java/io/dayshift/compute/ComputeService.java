package io.dayshift.compute;

import java.time.Instant;
import java.util.Optional;

/**
 * One Nova service as {@code GET /os-services} reports it.
 *
 * @param id             the service id (an integer below compute API 2.53, a UUID from 2.53)
 * @param binary         e.g. {@code nova-compute}
 * @param host           the host the service runs on
 * @param zone           availability zone ({@code internal} for control services)
 * @param enabled        false when disabled: the scheduler avoids the host
 * @param up             the service's heartbeat is recent (and it is not forced down)
 * @param forcedDown     an operator marked the host as down (fenced)
 * @param disabledReason why it was disabled, if it is and a reason was given
 * @param updatedAt      the last heartbeat, if any
 */
public record ComputeService(
        String id,
        String binary,
        String host,
        String zone,
        boolean enabled,
        boolean up,
        boolean forcedDown,
        Optional<String> disabledReason,
        Optional<Instant> updatedAt) {

    public static final String NOVA_COMPUTE = "nova-compute";

    public boolean isCompute() {
        return NOVA_COMPUTE.equals(binary);
    }
}
